import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadStartupConfig, repoRoot, withBundledTurn } from '.';

describe('loadStartupConfig', () => {
  it('reads the server, media server and bundled coturn settings from one environment', () => {
    const startup = loadStartupConfig({
      PORT: '9000',
      TOPOLOGY_HOLDDOWN_SECONDS: '3',
      JANUS_RTP_PORTS: '30000-30099',
      JANUS_MODULES_DIR: '/opt/janus/lib/janus',
      TURN_SECRET: 'turn-secret-0123456789abcdef0123456789',
      TURN_PORT: '3479',
      TURN_PUBLIC_HOST: 'turn.example',
    });
    expect(startup.server).toMatchObject({ port: 9000, topologyHoldDownMs: 3000 });
    expect(startup.sfu).toMatchObject({ kind: 'bundled', modulesDir: '/opt/janus/lib/janus', settings: { rtpMinPort: 30000, rtpMaxPort: 30099 } });
    expect(startup.bundledTurn).toMatchObject({ publicHost: 'turn.example', settings: { secret: 'turn-secret-0123456789abcdef0123456789', port: 3479 } });
  });

  it('uses an external Janus, or none, and starts no coturn when TURN is configured or off', () => {
    const external = loadStartupConfig({ JANUS_URL: 'ws://10.0.0.5:8188', JANUS_TOKEN_SECRET: 't0ken-secret-0123', TURN_URLS: 'turn:t.example:3478', TURN_SECRET: 's'.repeat(32) });
    expect(external.sfu).toEqual({ kind: 'external', urls: ['ws://10.0.0.5:8188'], tokenSecret: 't0ken-secret-0123', videoroomAdminKey: undefined });
    const pool = loadStartupConfig({ JANUS_URLS: 'ws://10.0.0.5:8188, ws://10.0.0.6:8188', JANUS_TOKEN_SECRET: 't0ken-secret-0123', TURN_URLS: 'turn:t.example:3478', TURN_SECRET: 's'.repeat(32) });
    expect(pool.sfu).toMatchObject({ kind: 'external', urls: ['ws://10.0.0.5:8188', 'ws://10.0.0.6:8188'] });
    expect(() => loadStartupConfig({ JANUS_URLS: 'ws://a:8188,ws://a:8188', JANUS_TOKEN_SECRET: 't0ken-secret-0123' })).toThrow(/names a Janus twice/);
    expect(() => loadStartupConfig({ JANUS_URLS: 'ws://a:8188', JANUS_URL: 'ws://b:8188', JANUS_TOKEN_SECRET: 't0ken-secret-0123' })).toThrow(/not both/);
    expect(() => loadStartupConfig({ JANUS_URLS: ' , ', JANUS_TOKEN_SECRET: 't0ken-secret-0123' })).toThrow(/names no Janus/);
    expect(external.bundledTurn).toBeUndefined();
    expect(external.server.turnUrls).toEqual(['turn:t.example:3478']);
    // An external Janus must use token auth: without it, it admits anyone who reaches it.
    expect(() => loadStartupConfig({ JANUS_URL: 'ws://10.0.0.5:8188' })).toThrow(/JANUS_URL needs JANUS_TOKEN_SECRET/);
    expect(() => loadStartupConfig({ JANUS_URL: 'ws://10.0.0.5:8188', JANUS_TOKEN_SECRET: 'short' })).toThrow(/JANUS_TOKEN_SECRET must be at least 16/);
    const off = loadStartupConfig({ JANUS_BUNDLED: 'off', TURN_BUNDLED: 'off' });
    expect([off.sfu, off.bundledTurn]).toEqual([{ kind: 'off' }, undefined]);
  });

  it('generates a TURN secret for the bundled coturn when none is given', () => {
    const a = loadStartupConfig({}).bundledTurn?.settings.secret;
    const b = loadStartupConfig({}).bundledTurn?.settings.secret;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('accepts relay-only ICE when the bundled coturn will provide TURN, and refuses it without any TURN', () => {
    expect(loadStartupConfig({ ICE_TRANSPORT_POLICY: 'relay' }).server.iceTransportPolicy).toBe('relay');
    expect(() => loadStartupConfig({ ICE_TRANSPORT_POLICY: 'relay', TURN_BUNDLED: 'off' })).toThrow(/ICE_TRANSPORT_POLICY=relay needs TURN_URLS/);
  });

  it('lists the bad variables of every part in one ConfigError', () => {
    const env = { PORT: 'x', JANUS_URL: 'http://janus', TURN_PORT: '70000' };
    expect(() => loadStartupConfig(env)).toThrow(ConfigError);
    expect(() => loadStartupConfig(env)).toThrow(/PORT must be[\s\S]*JANUS_URL must be[\s\S]*TURN_PORT must be/);
  });

  it('gives the server the running coturn URLs and secret', () => {
    const { server } = loadStartupConfig({});
    const config = withBundledTurn(server, { urls: ['turn:10.0.0.1:3478?transport=udp'], secret: 'abc' });
    expect([config.turnUrls, config.turnSecret, server.turnUrls]).toEqual([['turn:10.0.0.1:3478?transport=udp'], 'abc', []]);
  });
});

describe('the config module', () => {
  it('is the only part of the server that reads environment variables', () => {
    const root = path.join(repoRoot(), 'signaling-server');
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) return name === 'testing' || name === 'config' ? [] : sources(file);
        return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
      });
    const readers = sources(root)
      .filter((file) => /process\.env\b|from '\.\.?\/(config\/)?env-reader'/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    // main.ts hands process.env to the config module, once.
    expect(readers).toEqual(['main.ts']);
  });
});
