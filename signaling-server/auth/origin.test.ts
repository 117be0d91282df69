import { isOriginAllowed } from './origin';

describe('isOriginAllowed', () => {
  const open = { allowed: [] };
  it.each([
    [undefined, 'h:8080', open, true],
    ['http://localhost:8080', 'localhost:8080', open, true],
    ['http://LOCALHOST:8080', 'localhost:8080', open, true],
    ['http://10.77.0.1:8080', '10.77.0.1:8080', open, true],
    ['http://[::1]:8080', '[::1]:8080', open, true],
    ['http://evil.example', 'localhost:8080', open, false],
    ['http://localhost:8081', 'localhost:8080', open, false],
    ['null', 'localhost:8080', open, false],
    ['app://confer', 'h:8080', { allowed: ['app://confer'] }, true],
    ['https://other.example', 'h:8080', { allowed: ['https://other.example'] }, true],
    ['https://other.example.evil', 'h:8080', { allowed: ['https://other.example'] }, false],
    // DNS rebinding: the attacker's name resolves to this server, so Host and Origin agree.
    ['http://evil.example', 'evil.example', open, false],
    ['http://evil.example:8080', 'evil.example:8080', open, false],
    // A server reached by name: PUBLIC_ORIGIN decides, scheme included; Host is not trusted.
    ['https://meet.example', 'meet.example', { allowed: [], publicOrigin: 'https://meet.example' }, true],
    ['https://meet.example', 'evil.example', { allowed: [], publicOrigin: 'https://meet.example' }, true],
    ['http://meet.example', 'meet.example', { allowed: [], publicOrigin: 'https://meet.example' }, false],
    ['https://evil.example', 'evil.example', { allowed: [], publicOrigin: 'https://meet.example' }, false],
    ['http://localhost:8080', 'localhost:8080', { allowed: [], publicOrigin: 'https://meet.example' }, false],
  ])('origin %s with host %s and policy %j => %s', (origin, host, policy, expected) => {
    expect(isOriginAllowed(origin, host, policy)).toBe(expected);
  });
});
