import { isOriginAllowed } from './origin';

describe('isOriginAllowed', () => {
  it.each([
    [undefined, 'h:8080', [], true],
    ['http://h:8080', 'h:8080', [], true],
    ['http://H:8080', 'h:8080', [], true],
    ['https://meet.example', 'meet.example:443', [], true],
    ['http://evil.example', 'h:8080', [], false],
    ['http://h:8081', 'h:8080', [], false],
    ['null', 'h:8080', [], false],
    ['app://confer', 'h:8080', ['app://confer'], true],
    ['https://other.example', 'h:8080', ['https://other.example'], true],
    ['https://other.example.evil', 'h:8080', ['https://other.example'], false],
  ])('origin %s with host %s and extra %j => %s', (origin, host, extra, expected) => {
    expect(isOriginAllowed(origin, host, extra)).toBe(expected);
  });
});
