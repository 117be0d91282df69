/** Per-IP limits on connections and session requests, and the cap on rooms, against a real server. */
import { MEDIA, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

describe('abuse limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers 429 RATE_LIMITED to session requests above the per-IP burst', async () => {
    h = await startHarness({ SESSION_RATE_PER_SEC: '1', SESSION_RATE_BURST: '2' });
    await h.token('r');
    await h.token('r');
    const res = await fetch(`${h.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room: 'r', name: 'X' }) });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('refuses connections above the per-IP burst', async () => {
    h = await startHarness({ CONNECTION_RATE_PER_SEC: '1', CONNECTION_RATE_BURST: '2' });
    const token = await h.token('r');
    await h.connect(token);
    await h.connect(token);
    await expect(h.connect(token)).rejects.toThrow();
  });

  it('refuses a new room above MAX_ROOMS with TOO_MANY_ROOMS', async () => {
    h = await startHarness({ MAX_ROOMS: '1' });
    await h.joined('one');
    const client = await h.connect(await h.token('two'));
    expect(await client.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ROOMS' } });
    await h.joined('one', 'Bob');
  });
});
