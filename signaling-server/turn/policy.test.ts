import { ConfigError, loadConfig } from '../config';
import { iceServersFor } from './credentials';

const turn = { TURN_URLS: 'turn:10.80.0.1:3478', TURN_SECRET: 's'.repeat(32) };

describe('ICE_TRANSPORT_POLICY', () => {
  it('defaults to all and gives clients no policy field', () => {
    const config = loadConfig(turn);
    expect(config.iceTransportPolicy).toBe('all');
    expect(iceServersFor(config, 'u', Date.now())).not.toHaveProperty('iceTransportPolicy');
  });

  it('relay is carried to clients with the TURN entry', () => {
    const config = loadConfig({ ...turn, ICE_TRANSPORT_POLICY: 'relay' });
    const ice = iceServersFor(config, 'u', Date.now());
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers.at(-1)?.urls).toEqual(['turn:10.80.0.1:3478']);
  });

  it('refuses relay without TURN (no call could connect) and unknown values', () => {
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/ICE_TRANSPORT_POLICY=relay needs TURN_URLS and TURN_SECRET/);
    expect(() => loadConfig({ ...turn, ICE_TRANSPORT_POLICY: 'none' })).toThrow(ConfigError);
  });
});

describe('TURN_SECRET', () => {
  it('is at least 32 characters: it keys the HMAC of every TURN credential', () => {
    expect(() => loadConfig({ ...turn, TURN_SECRET: 's'.repeat(31) })).toThrow(/TURN_SECRET must be at least 32 characters/);
    expect(loadConfig(turn).turnSecret).toBe(turn.TURN_SECRET);
  });
});
