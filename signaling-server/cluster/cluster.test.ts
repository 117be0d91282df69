/**
 * Two real server nodes on one real redis-server: cross-node events, resume with a token on
 * either node, grace expiry, and fast failure while Redis is down.
 */
import type { JoinResponse, ResumeToken } from '../../protocol';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness, TestClient } from '../testing/harness';
import { freeLoopbackPort, startRedis } from '../../tests/harness/redis-process';
import type { RedisProcess } from '../../tests/harness/redis-process';
import { StoreUnavailableError } from '../store/errors';

jest.setTimeout(30_000);

describe('cluster of two nodes on Redis', () => {
  let redis: RedisProcess;
  let one: Harness;
  let two: Harness;
  let prefix = 0;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());
  beforeEach(async () => {
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: `c${prefix++}:`, RESUME_GRACE_MS: '1500' };
    one = await startHarness({ ...env, NODE_ID: 'one' });
    two = await startHarness({ ...env, NODE_ID: 'two' });
    await sleep(100); // both adapters subscribed
  });
  afterEach(async () => {
    await one.close();
    await two.close();
  });

  async function join(h: Harness, room: string, name: string): Promise<{ client: TestClient; data: JoinResponse }> {
    const client = await h.connect(await h.token(room, name));
    const ack = await client.timeout(3000).emitWithAck('room:join', { media: MEDIA });
    if (!ack.ok) throw new Error(ack.error.code);
    return { client, data: ack.data };
  }

  /** Ends the socket's transport without a Socket.IO disconnect: what a network loss looks like to the server. */
  const dropTransport = (client: TestClient) => (client as unknown as { io: { engine: { close(): void } } }).io.engine.close();

  it('delivers joins, peer signals and chat between clients on different nodes', async () => {
    const a = await join(one, 'x', 'Ada');
    const joined = nextEvent(a.client, 'room:participant-joined');
    const b = await join(two, 'x', 'Bob');
    expect(b.data.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(await joined).toMatchObject({ name: 'Bob' });
    const signal = nextEvent(b.client, 'peer:signal');
    const sent = await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.data.self.id, signal: { type: 'renegotiate', renegotiate: true } });
    expect(sent).toEqual({ ok: true, data: null });
    expect(await signal).toEqual({ from: a.data.self.id, signal: { type: 'renegotiate', renegotiate: true } });
    const chat = nextEvent(a.client, 'chat:message');
    await b.client.timeout(2000).emitWithAck('chat:send', { text: 'hello' });
    expect(await chat).toMatchObject({ text: 'hello', name: 'Bob' });
  });

  it('resumes a participant on the other node with its id, no duplicate and no leave for the others', async () => {
    const a = await join(one, 'y', 'Ada');
    const b = await join(two, 'y', 'Bob');
    const seenByB = [...['room:participant-left', 'room:participant-joined'].map((e) => record(b.client, e))];
    dropTransport(a.client);
    await sleep(200);
    const again = await two.connect(await two.token('y', 'Ada-other-session'));
    // A token from another session (other user id) is refused...
    expect(await emitRaw(again, 'room:resume', { token: (a.data.resume as ResumeToken).token })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED' } });
    // ...the same session's token resumes on the other node (the session token carries the user id).
    const sameUser = await two.connect(tokenOf(a.client));
    const ack = await sameUser.timeout(3000).emitWithAck('room:resume', { token: (a.data.resume as ResumeToken).token });
    if (!ack.ok) throw new Error(ack.error.code);
    expect((ack.data as JoinResponse).self.id).toBe(a.data.self.id);
    expect((ack.data as JoinResponse).participants.map((p) => p.id)).toEqual([b.data.self.id]);
    expect((ack.data as JoinResponse).resume?.token).toEqual(expect.any(String));
    const signal = nextEvent(sameUser, 'peer:signal');
    await b.client.timeout(2000).emitWithAck('peer:signal', { to: a.data.self.id, signal: { type: 'renegotiate', renegotiate: true } });
    expect(await signal).toMatchObject({ from: b.data.self.id });
    await sleep(2000); // past the grace: nothing may expire
    expect(seenByB).toEqual([[], []]);
    const roster = await b.client.timeout(2000).emitWithAck('room:resume', { token: 'a.b.c' });
    expect(roster).toMatchObject({ ok: false, error: { code: 'ALREADY_JOINED' } });
  });

  it('announces a lost participant that does not resume once the grace period ends, from one node only', async () => {
    const a = await join(one, 'z', 'Ada');
    const b = await join(two, 'z', 'Bob');
    const c = await join(one, 'z', 'Cy');
    const leftForB = record<{ id: string; reason: string }>(b.client, 'room:participant-left');
    const leftForC = record<{ id: string; reason: string }>(c.client, 'room:participant-left');
    dropTransport(a.client);
    await sleep(800);
    expect(leftForB).toEqual([]);
    await sleep(2000);
    expect(leftForB).toEqual([{ id: a.data.self.id, reason: 'disconnected' }]);
    expect(leftForC).toEqual([{ id: a.data.self.id, reason: 'disconnected' }]);
    const late = await two.connect(tokenOf(a.client));
    expect(await emitRaw(late, 'room:resume', { token: (a.data.resume as ResumeToken).token })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED' } });
  });

  it('answers joins with STORE_UNAVAILABLE within 2 s while Redis is down, and joins again once it is back', async () => {
    const a = await join(one, 'w', 'Ada');
    // A session needs the meeting's record, so Bob gets his before the outage (during it, 503 STORE_UNAVAILABLE).
    const bobToken = await two.token('w', 'Bob');
    await redis.stop();
    try {
      const session = await fetch(`${two.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"room":"w","name":"Dee"}' });
      expect({ status: session.status, body: await session.json() }).toMatchObject({ status: 503, body: { error: { code: 'STORE_UNAVAILABLE' } } });
      const client = await two.connect(bobToken);
      const started = Date.now();
      expect(await client.timeout(3000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await redis.restart();
    }
    let ack: Awaited<ReturnType<TestClient['emitWithAck']>> | undefined;
    for (let i = 0; i < 50 && !ack?.ok; i++) {
      await sleep(200);
      // The node's own Redis client may still be reconnecting (slow on a loaded machine): its
      // session then fails like the join does, and is tried again in the same way.
      const token = await two.token('w', 'Cy').catch((e: unknown) => {
        if (e instanceof StoreUnavailableError) return null;
        throw e;
      });
      if (!token) continue;
      const client = await two.connect(token);
      ack = await client.timeout(3000).emitWithAck('room:join', { media: MEDIA });
    }
    // Ada's node wrote her back into the empty Redis: the newcomer sees her.
    expect(ack).toMatchObject({ ok: true });
    expect(ack?.ok && (ack.data as JoinResponse).participants.map((p) => p.id)).toEqual([a.data.self.id]);
  });
});

describe('a node started before Redis', () => {
  it('listens once Redis is up and serves its first session and join at once', async () => {
    const port = await freeLoopbackPort();
    const starting = startHarness({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'late:', NODE_ID: 'late' });
    let listening = false;
    void starting.then(() => (listening = true));
    await sleep(700);
    const listeningBeforeRedis = listening;
    const redis = await startRedis(port);
    const node = await starting;
    try {
      expect(listeningBeforeRedis).toBe(false); // no Redis yet: the node does not take traffic
      const { client } = await node.joined('first', 'Ada');
      expect(client.connected).toBe(true);
    } finally {
      await node.close();
      await redis.stop();
    }
  });
});

function tokenOf(client: TestClient): string {
  return ((client as unknown as { auth: { token: string } }).auth).token;
}
