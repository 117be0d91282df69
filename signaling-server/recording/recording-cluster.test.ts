/**
 * Recording with two signaling nodes on one Redis and one real Janus (no browser): a host on node
 * one records; people on node two see it (also in a join answer), their node holds the room on the
 * SFU, a newcomer there enters the timeline, and a host on node two stops it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JoinResponse, RecordingState } from '../../protocol';
import { startSfuCluster, type SfuCluster } from '../testing/cluster';
import { MEDIA, nextEvent, sleep, type Harness, type TestClient } from '../testing/harness';
import { listManifests } from './manifest';

jest.setTimeout(90_000);

type AckOf<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

async function emit<T = unknown>(c: TestClient, event: string, payload: unknown = {}): Promise<AckOf<T>> {
  return (await (c.timeout(15_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload)) as AckOf<T>;
}

async function enter(h: Harness, room: string, name: string, hostKey?: string): Promise<{ client: TestClient; answer: JoinResponse }> {
  const client = await h.connect(await h.token(room, name, hostKey ? { hostKey } : {}));
  const ack = await client.timeout(5000).emitWithAck('room:join', { media: MEDIA });
  if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
  return { client, answer: ack.data as JoinResponse };
}

describe('recording across two signaling nodes', () => {
  let cluster: SfuCluster;
  let nodes: Harness[];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'recordings-cluster-'));
    cluster = await startSfuCluster({ REDIS_PREFIX: 'recc:', RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '1', SFU_PREWARM: 'off', RECORDINGS_DIR: dir });
    nodes = cluster.nodes;
  });

  afterAll(async () => {
    await cluster?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is shown and held on the SFU by the other node, takes its newcomers into the timeline, and stops from there', async () => {
    const [one, two] = nodes as [Harness, Harness];
    const room = 'rec-cluster';
    // The nodes' Redis connections may still be coming up (a store call then fails at once, by design).
    let hostKey: string | undefined;
    for (let i = 0; i < 50 && hostKey === undefined; i++) hostKey = await one.meeting(room).catch(async () => (await sleep(100), undefined));
    if (hostKey === undefined) throw new Error('the meeting could not be made');
    const ada = await enter(one, room, 'Ada', hostKey);
    const ben = await enter(two, room, 'Ben', hostKey);
    expect(ben.answer.topology).toBe('mesh');

    const benSees = nextEvent<RecordingState>(ben.client, 'recording:state', 10_000);
    const benTopology = nextEvent<{ mode: string }>(ben.client, 'room:topology', 10_000);
    expect(await emit<RecordingState>(ada.client, 'recording:start')).toMatchObject({ ok: true, data: { active: true, by: 'Ada' } });
    expect(await benSees).toMatchObject({ active: true, by: 'Ada' });
    // Node two holds the room on the SFU too (its own topology decision): Ben is told to move.
    expect((await benTopology).mode).toBe('sfu');
    for (let i = 0; i < 50 && !two.server.recording.recorder.state(room).active; i++) await sleep(50);
    expect(two.server.recording.recorder.state(room)).toMatchObject({ active: true, by: 'Ada' });
    // Starting again from node two changes nothing.
    expect(await emit<RecordingState>(ben.client, 'recording:start')).toMatchObject({ ok: true, data: { active: true, by: 'Ada' } });

    // A newcomer on node two: the join answer says it records, and it stays on the SFU.
    const cy = await enter(two, room, 'Cy');
    expect(cy.answer.recording).toMatchObject({ active: true });
    expect(cy.answer.topology).toBe('sfu');
    await sleep(500);

    // Ben (a host on node two) stops it: node one stops and everyone hears it.
    const adaSees = nextEvent<RecordingState>(ada.client, 'recording:state', 10_000);
    expect(await emit<RecordingState>(ben.client, 'recording:stop')).toMatchObject({ ok: true, data: { active: false } });
    expect(await adaSees).toEqual({ active: false });
    expect(one.server.recording.recorder.state(room)).toEqual({ active: false });
    expect(two.server.recording.recorder.state(room)).toEqual({ active: false });

    const [m] = (await listManifests(dir)).filter((x) => x.room === room);
    expect(m?.state).not.toBe('recording');
    const names = m?.timeline.map((s) => s.participants.map((p) => p.name).sort().join(','));
    expect(names?.[0]).toBe('Ada,Ben');
    // Cy, who joined on node two, is in the timeline the recording node kept.
    expect(names).toContain('Ada,Ben,Cy');
    for (const c of [ada, ben, cy]) c.client.disconnect();
  });
});
