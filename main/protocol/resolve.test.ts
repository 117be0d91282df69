import path from 'node:path';
import { resolveAppPath } from './resolve';
import { createAppProtocolHandler } from './handler';
import { buildCsp } from './csp';

const ROOT = path.resolve('/srv/confer/dist/renderer');
const at = (rel: string) => path.join(ROOT, rel);

describe('resolveAppPath', () => {
  it.each([
    ['app://confer/', 'index.html', true],
    ['app://confer/index.html', 'index.html', false],
    ['app://confer/room/standup', 'index.html', true],
    ['app://confer/room/standup/', 'index.html', true],
    ['app://confer/assets/index-abc123.js', 'assets/index-abc123.js', false],
    ['app://confer/assets/index-abc123.js?v=1#x', 'assets/index-abc123.js', false],
    ['app://confer/assets/a%20b.css', 'assets/a b.css', false],
  ])('serves %s from %s', (url, rel, spa) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ kind: 'file', path: at(rel), spaFallback: spa });
  });

  it.each([
    'app://confer/../../etc/passwd',
    'app://confer/%2e%2e/%2e%2e/etc/passwd',
    'app://confer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://confer/assets/..%2f..%2fsecret.txt',
    'app://confer/..%5c..%5csecret.txt',
    'app://confer/assets\\..\\..\\secret.txt',
    'app://confer/%00.js',
    'app://confer/C:/Windows/win.ini',
    'app://confer/%E0%A4%A.js',
    'app://other/index.html',
    'app://confer:81/index.html',
    'app://u:p@confer/index.html',
    'https://confer/index.html',
    'file:///etc/passwd',
    'not a url',
    'app://confer/' + 'a'.repeat(5000) + '.js',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ kind: 'forbidden' });
  });

  it('never resolves outside the root, for any path', () => {
    const segments = ['..', '.', '%2e%2e', '%2E%2e', 'a', 'b.js', '%2f', '%5c', '', '..%2f', '%c0%ae'];
    for (const a of segments) for (const b of segments) for (const c of segments) {
      const r = resolveAppPath(ROOT, `app://confer/${a}/${b}/${c}`);
      if (r.kind === 'file') expect(r.path === ROOT || r.path.startsWith(ROOT + path.sep)).toBe(true);
    }
  });
});

describe('app:// handler', () => {
  const files: Record<string, string> = { [at('index.html')]: '<!doctype html>', [at('assets/app.js')]: 'console.log(1)' };
  const handler = createAppProtocolHandler({
    root: ROOT,
    readFile: async (p) => {
      if (!(p in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(files[p]);
    },
    serverUrl: () => 'https://meet.example.com',
  });

  it('serves the SPA for a room path with a strict CSP', async () => {
    const res = await handler(new Request('app://confer/room/standup'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html>');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    // WASM compilation only (background effects' MediaPipe), never JS eval.
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain('connect-src \'self\' https://meet.example.com wss://meet.example.com');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their type, 404s missing files and 403s traversal', async () => {
    const js = await handler(new Request('app://confer/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await handler(new Request('app://confer/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://confer/assets/..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(403);
    // Request (like Chromium) already folds plain `..` away: what is left is an in-app route.
    const folded = await handler(new Request('app://confer/%2e%2e/%2e%2e/etc/passwd'));
    expect(await folded.text()).toBe('<!doctype html>');
    expect((await handler(new Request('app://confer/', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('buildCsp', () => {
  it('allows only the configured server for network access', () => {
    expect(buildCsp('http://localhost:8080')).toContain("connect-src 'self' http://localhost:8080 ws://localhost:8080;");
    expect(buildCsp('not a url')).toContain("connect-src 'self';");
    expect(buildCsp('javascript:alert(1)')).toContain("connect-src 'self';");
    expect(buildCsp('https://meet.example.com')).toContain("object-src 'none'");
  });
});
