import { createHmac } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config';
import { janusSettingsFromEnv } from '../config';
import { findJanusModulesDir, readJanusTemplates, renderJanusConfigs, writeJanusSetup } from './config';
import { signJanusToken, janusTokenSigner } from './token';

const templates = readJanusTemplates();
const folders = { configs: '/tmp/j/conf', plugins: '/tmp/j/plugins', transports: '/tmp/j/transports', events: '/tmp/j/events', loggers: '/tmp/j/loggers' };
const SECRETS = { JANUS_ADMIN_SECRET: 'admin-secret-0123456789', JANUS_TOKEN_SECRET: 'token-secret-0123456789', JANUS_VIDEOROOM_ADMIN_KEY: 'room-key-0123456789' };
const render = (env: Record<string, string> = {}) => renderJanusConfigs(templates, janusSettingsFromEnv({ ...SECRETS, ...env }), folders);
/** `key = value` lines of a rendered file, comments and blanks dropped, whitespace trimmed. */
const options = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

describe('Janus configuration rendering', () => {
  it('renders the core file: signed tokens, admin secret, reclaim timeout, RTP range, our folders', () => {
    const core = options(render()['janus.jcfg']);
    for (const l of [
      'token_auth = true',
      'token_auth_secret = "token-secret-0123456789"',
      'admin_secret = "admin-secret-0123456789"',
      'reclaim_session_timeout = 20',
      'rtp_port_range = "20000-20999"',
      'configs_folder = "/tmp/j/conf"',
      'plugins_folder = "/tmp/j/plugins"',
      'transports_folder = "/tmp/j/transports"',
      'events_folder = "/tmp/j/events"',
      'loggers_folder = "/tmp/j/loggers"',
      'broadcast = false',
      'ice_ignore_list = "vmnet"',
    ]) {
      expect(core).toContain(l);
    }
    expect(core.some((l) => /^(nat_1_1_mapping|stun_server|ice_enforce_list|api_secret)\b/.test(l))).toBe(false);
    for (const text of Object.values(render())) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).not.toMatch(/janusoverlord|janusrocks|adminpwd|supersecret/);
      // No option points into the system's Janus folders (comments may name them).
      expect(options(text).join('\n')).not.toMatch(/\/etc\/janus|\/usr\/lib/);
    }
  });

  it('disables every other plugin, transport, logger and event handler by name too', () => {
    const core = render()['janus.jcfg'];
    const disabled = [...core.matchAll(/disable = "([^"]+)"/g)].flatMap((m) => m[1].split(','));
    for (const lib of ['libjanus_echotest.so', 'libjanus_streaming.so', 'libjanus_sip.so', 'libjanus_http.so', 'libjanus_pfunix.so', 'libjanus_jsonlog.so', 'libjanus_wsevh.so']) {
      expect(disabled).toContain(lib);
    }
    expect(disabled).not.toContain('libjanus_videoroom.so');
    expect(disabled).not.toContain('libjanus_websockets.so');
  });

  it('renders the VideoRoom file with string ids, the admin key and no rooms', () => {
    const vr = options(render()['janus.plugin.videoroom.jcfg']);
    expect(vr).toEqual(expect.arrayContaining(['string_ids = true', 'admin_key = "room-key-0123456789"', 'lock_rtp_forward = true']));
    expect(vr.filter((l) => l.endsWith(': {'))).toEqual(['general: {']);
  });

  it('renders the WebSocket file: API on the given address and port, admin on 127.0.0.1 only', () => {
    const ws = options(render({ JANUS_WS_PORT: '9188', JANUS_ADMIN_PORT: '9189', JANUS_WS_IP: '0.0.0.0' })['janus.transport.websockets.jcfg']);
    expect(ws).toEqual(
      expect.arrayContaining([
        'ws = true',
        'ws_port = 9188',
        'ws_ip = "0.0.0.0"',
        'wss = false',
        'admin_ws = true',
        'admin_ws_port = 9189',
        'admin_ws_ip = "127.0.0.1"',
        'admin_ws_acl = "127.0.0.1"',
        'admin_wss = false',
      ]),
    );
    expect(options(render()['janus.transport.websockets.jcfg'])).toEqual(expect.arrayContaining(['ws_port = 8188', 'ws_ip = "127.0.0.1"']));
  });

  it('turns the admin API off unless JANUS_ADMIN_PORT names a port (the product never uses it)', () => {
    const ws = options(render()['janus.transport.websockets.jcfg']);
    expect(ws).toContain('admin_ws = false');
    expect(ws).not.toContain('admin_ws = true');
    expect(janusSettingsFromEnv(SECRETS).adminPort).toBeUndefined();
    expect(janusSettingsFromEnv({ ...SECRETS, JANUS_ADMIN_PORT: '7190' }).adminPort).toBe(7190);
  });

  it('renders the optional NAT, STUN and ICE settings', () => {
    const core = options(
      render({
        JANUS_NAT_1_1: '203.0.113.7',
        JANUS_STUN_SERVER: 'stun.example.org:3479',
        JANUS_ICE_ENFORCE_LIST: 'eth0,10.80.',
        JANUS_ICE_IGNORE_LIST: 'vmnet,docker',
        JANUS_RTP_PORTS: '30000-30100',
        JANUS_RECLAIM_SECONDS: '45',
      })['janus.jcfg'],
    );
    expect(core).toEqual(
      expect.arrayContaining([
        'nat_1_1_mapping = "203.0.113.7"',
        'stun_server = "stun.example.org"',
        'stun_port = 3479',
        'ice_enforce_list = "eth0,10.80."',
        'ice_ignore_list = "vmnet,docker"',
        'rtp_port_range = "30000-30100"',
        'reclaim_session_timeout = 45',
      ]),
    );
  });

  it('generates secrets that are not given, different each time', () => {
    const a = janusSettingsFromEnv({});
    const b = janusSettingsFromEnv({});
    for (const k of ['adminSecret', 'tokenSecret', 'videoroomAdminKey'] as const) {
      expect(a[k]).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(a[k]).not.toBe(b[k]);
    }
    expect(new Set([a.adminSecret, a.tokenSecret, a.videoroomAdminKey]).size).toBe(3);
  });

  it('names every bad variable', () => {
    const bad = () =>
      janusSettingsFromEnv({
        JANUS_WS_PORT: '70000',
        JANUS_RTP_PORTS: '30000',
        JANUS_WS_IP: 'localhost',
        JANUS_ADMIN_SECRET: 'short',
        JANUS_NAT_1_1: 'not-an-ip',
        JANUS_STUN_SERVER: 'a b',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/JANUS_WS_IP[\s\S]*JANUS_RTP_PORTS[\s\S]*JANUS_STUN_SERVER[\s\S]*JANUS_WS_PORT[\s\S]*JANUS_ADMIN_SECRET[\s\S]*JANUS_NAT_1_1/);
    expect(() => janusSettingsFromEnv({ JANUS_RTP_PORTS: '30000-20000' })).toThrow(/JANUS_RTP_PORTS/);
    expect(() => janusSettingsFromEnv({ JANUS_WS_PORT: '7000', JANUS_ADMIN_PORT: '7000' })).toThrow(/must differ/);
  });

  it('refuses values that could smuggle extra options into a file', () => {
    expect(() => janusSettingsFromEnv({ JANUS_TOKEN_SECRET: 'abcdefghijklmnop"\nadmin_secret = "x' })).toThrow(/JANUS_TOKEN_SECRET/);
    expect(() => janusSettingsFromEnv({ JANUS_ICE_IGNORE_LIST: 'a"b' })).toThrow(/JANUS_ICE_IGNORE_LIST/);
    const s = janusSettingsFromEnv({});
    expect(() => renderJanusConfigs(templates, { ...s, adminSecret: 'x"\ntoken_auth = false' }, folders)).toThrow();
    expect(() => renderJanusConfigs(templates, { ...s, wsIp: '1.2.3.4"' }, folders)).toThrow();
    expect(() => renderJanusConfigs(templates, s, { ...folders, plugins: '/tmp/a b' })).toThrow();
  });

  it('rejects a template placeholder it does not know', () => {
    expect(() => renderJanusConfigs({ ...templates, 'janus.jcfg': 'x = {{nope}}' }, janusSettingsFromEnv({}), folders)).toThrow(/nope/);
  });

  it('writes a private setup folder holding links to just the VideoRoom plugin and the WebSocket transport', () => {
    const modules = findJanusModulesDir();
    if (!modules) throw new Error('Janus modules not found: scripts/setup-system.sh installs Janus');
    const dir = mkdtempSync(path.join(tmpdir(), 'janus-setup-test-'));
    try {
      const { configPath } = writeJanusSetup(dir, janusSettingsFromEnv({}), modules);
      expect(existsSync(configPath)).toBe(true);
      expect(statSync(configPath).mode & 0o077).toBe(0);
      expect(readdirSync(path.join(dir, 'plugins'))).toEqual(['libjanus_videoroom.so']);
      expect(readdirSync(path.join(dir, 'transports'))).toEqual(['libjanus_websockets.so']);
      expect(readdirSync(path.join(dir, 'events'))).toEqual([]);
      expect(readdirSync(path.join(dir, 'loggers'))).toEqual([]);
      const link = path.join(dir, 'plugins', 'libjanus_videoroom.so');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(path.join(modules, 'plugins', 'libjanus_videoroom.so'));
      expect(readdirSync(path.join(dir, 'conf')).sort()).toEqual(['janus.jcfg', 'janus.plugin.videoroom.jcfg', 'janus.transport.websockets.jcfg']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Janus signed tokens', () => {
  it('are "expiry,janus,plugin:base64(HMAC-SHA1)" as Janus 1.1 checks them', () => {
    const t = signJanusToken('s3cret', 1700000000);
    const [data, sig] = t.split(':');
    expect(data).toBe('1700000000,janus,janus.plugin.videoroom');
    expect(sig).toBe(createHmac('sha1', 's3cret').update(data).digest('base64'));
    expect(signJanusToken('s', 1, ['janus.plugin.a', 'janus.plugin.b'])).toMatch(/^1,janus,janus\.plugin\.a,janus\.plugin\.b:/);
    expect(() => signJanusToken('s', 1.5)).toThrow();
    expect(() => signJanusToken('s', 1, ['bad,plugin'])).toThrow();
  });

  it('are signed fresh for each request by the signer', () => {
    let now = 1_000_000_000_000;
    const sign = janusTokenSigner('k', 300, () => now);
    expect(sign().startsWith(`${1_000_000_300},`)).toBe(true);
    now += 60_000;
    expect(sign().startsWith(`${1_000_000_360},`)).toBe(true);
  });
});
