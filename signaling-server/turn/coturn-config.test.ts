import { readFileSync } from 'node:fs';
import { ConfigError } from '../config';
import { coturnSettingsFromEnv } from '../config';
import { renderTurnserverConf, TURNSERVER_TEMPLATE } from './coturn-config';

const template = readFileSync(TURNSERVER_TEMPLATE, 'utf8');
/** A valid shared secret (32 characters at least). */
const KEY = 'k3y-0123456789abcdef0123456789abcdef';
const files = { userdb: '/tmp/x/turndb', pidfile: '/tmp/x/turnserver.pid' };
const render = (env: Record<string, string> = {}, secret = KEY) => renderTurnserverConf(template, coturnSettingsFromEnv(env, secret), files);
/** The option lines of a rendered file (comments and blanks dropped). */
const options = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('turnserver.conf rendering', () => {
  it('renders the defaults with the shared secret, REST auth and hardening options', () => {
    const lines = options(render());
    for (const l of ['use-auth-secret', `static-auth-secret=${KEY}`, 'realm=confer', 'listening-port=3478', 'min-port=49152', 'max-port=65535',
      'no-tcp-relay', 'no-cli', 'no-multicast-peers', 'no-tlsv1', 'no-tlsv1_1', 'fingerprint', 'no-software-attribute', 'stale-nonce=600',
      'user-quota=12', 'total-quota=1000', 'max-bps=1250000', 'userdb=/tmp/x/turndb', 'pidfile=/tmp/x/turnserver.pid', 'log-file=stdout']) {
      expect(lines).toContain(l);
    }
    expect(lines.join('\n')).not.toMatch(/\{\{|\}\}/);
    expect(lines.some((l) => l.startsWith('allowed-peer-ip') || l.startsWith('listening-ip') || l.startsWith('relay-ip'))).toBe(false);
  });

  it('denies loopback, private, CGNAT, link-local (metadata), this-network, multicast and the IPv6 forms', () => {
    const denied = options(render()).filter((l) => l.startsWith('denied-peer-ip=')).map((l) => l.slice('denied-peer-ip='.length));
    expect(denied).toEqual(expect.arrayContaining([
      '0.0.0.1-0.255.255.255', '10.0.0.0-10.255.255.255', '100.64.0.0-100.127.255.255', '127.0.0.0-127.255.255.255',
      '169.254.0.0-169.254.255.255', '172.16.0.0-172.31.255.255', '192.168.0.0-192.168.255.255', '224.0.0.0-255.255.255.255',
      '::1', '::ffff:0:0-::ffff:ffff:ffff', '64:ff9b::-64:ff9b::ffff:ffff', '64:ff9b:1::-64:ff9b:1:ffff:ffff:ffff:ffff:ffff',
      'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      '::2-::ffff:ffff', '::ffff:0:0:0-::ffff:0:ffff:ffff', '2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fec0::-feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]));
  });

  it("denies coturn's own addresses: those it listens and relays on, or every interface's when it listens on all", () => {
    const denied = (env: Record<string, string>, interfaces: string[]) =>
      options(renderTurnserverConf(template, coturnSettingsFromEnv(env, KEY, () => interfaces), files)).filter((l) => l.startsWith('denied-peer-ip='));
    const all = denied({}, ['127.0.0.1', '203.0.113.9', '2001:db8::9']);
    expect(all).toEqual(expect.arrayContaining(['denied-peer-ip=203.0.113.9', 'denied-peer-ip=2001:db8::9']));
    const named = denied({ TURN_LISTEN_IPS: '203.0.113.5', TURN_RELAY_IPS: '203.0.113.6', TURN_EXTERNAL_IP: '198.51.100.5/203.0.113.5' }, ['203.0.113.9']);
    expect(named).toEqual(expect.arrayContaining(['denied-peer-ip=203.0.113.5', 'denied-peer-ip=203.0.113.6', 'denied-peer-ip=198.51.100.5']));
    expect(named).not.toContain('denied-peer-ip=203.0.113.9');
    // An address allowed by name is still reachable: coturn lets allowed-peer-ip override the deny list.
    const allowed = options(render({ TURN_LISTEN_IPS: '203.0.113.5', TURN_ALLOW_PEER_IPS: '203.0.113.5' }));
    expect(allowed).toContain('allowed-peer-ip=203.0.113.5');
  });

  it('renders listeners, relay addresses, ports, quotas and exactly the allowed peers given', () => {
    const lines = options(render({
      TURN_PORT: '3479', TURN_LISTEN_IPS: '10.80.0.1', TURN_RELAY_IPS: '10.80.0.1', TURN_MIN_PORT: '50000', TURN_MAX_PORT: '50100',
      TURN_ALLOW_PEER_IPS: '10.80.0.1, 10.9.0.1-10.9.0.9', TURN_REALM: 'example.org', TURN_USER_QUOTA: '4', TURN_MAX_BPS: '0',
      TURN_EXTERNAL_IP: '203.0.113.5/10.80.0.1',
    }));
    for (const l of ['listening-port=3479', 'listening-ip=10.80.0.1', 'relay-ip=10.80.0.1', 'min-port=50000', 'max-port=50100',
      'allowed-peer-ip=10.80.0.1', 'allowed-peer-ip=10.9.0.1-10.9.0.9', 'realm=example.org', 'user-quota=4', 'max-bps=0',
      'external-ip=203.0.113.5/10.80.0.1']) {
      expect(lines).toContain(l);
    }
    expect(lines.filter((l) => l.startsWith('allowed-peer-ip'))).toHaveLength(2);
  });

  it('names every bad variable', () => {
    const bad = () => coturnSettingsFromEnv({ TURN_PORT: '70000', TURN_ALLOW_PEER_IPS: '10.0.0.0/8', TURN_LISTEN_IPS: 'localhost', TURN_MIN_PORT: '60000', TURN_MAX_PORT: '50000' }, KEY);
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/TURN_PORT[\s\S]*TURN_LISTEN_IPS[\s\S]*TURN_ALLOW_PEER_IPS[\s\S]*TURN_MIN_PORT/);
  });

  it('refuses values that could smuggle extra coturn options into the file', () => {
    expect(() => coturnSettingsFromEnv({}, 'k\nallow-loopback-peers')).toThrow(/TURN_SECRET/);
    expect(() => coturnSettingsFromEnv({ TURN_REALM: 'a b' }, KEY)).toThrow(/TURN_REALM/);
    const settings = coturnSettingsFromEnv({}, KEY);
    expect(() => renderTurnserverConf(template, { ...settings, secret: 'k\nallow-loopback-peers' }, files)).toThrow();
    expect(() => renderTurnserverConf(template, { ...settings, allowedPeerIps: ['1.2.3.4\nallow-loopback-peers'] }, files)).toThrow();
    expect(() => renderTurnserverConf(template, settings, { ...files, userdb: '/tmp/a b' })).toThrow();
  });

  it('rejects a template placeholder it does not know', () => {
    expect(() => renderTurnserverConf('x={{nope}}', coturnSettingsFromEnv({}, KEY), files)).toThrow(/nope/);
  });
});

describe('deny list pitfalls of coturn 4.6.1', () => {
  it('has no range starting at an unspecified address (coturn would read it as "every peer")', () => {
    const denied = options(render()).filter((l) => l.startsWith('denied-peer-ip=')).map((l) => l.slice('denied-peer-ip='.length).split('-')[0]);
    expect(denied.filter((start) => start === '::' || start === '0.0.0.0')).toEqual([]);
  });
});
