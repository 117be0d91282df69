/**
 * Recording through the signaling server and the real Janus (no browser: fake SDPs, so no media
 * flows and the composed file is the grid of names over silence; tests/e2e/recording.e2e.ts
 * records real media): who may start, the indicator for everyone and the lobby, the room forced
 * to the SFU, the timeline, stop, composition, the list and its expiring download link.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RecordingState, RecordingSummary } from '../../protocol';
import { sfuConfigFromEnv } from '../config';
import type { JanusProcess } from '../janus/process';
import { startSfu, type SfuHandle } from '../janus/sfu';
import { MEDIA, nextEvent, startHarness, type Harness, type TestClient } from '../testing/harness';
import { startTestJanus } from '../testing/janus';
import { probe } from '../testing/media';
import { readManifest } from './manifest';

jest.setTimeout(90_000);

const quiet = { info: () => undefined, warn: () => undefined };
type AckOf<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

async function emit<T = unknown>(c: TestClient, event: string, payload: unknown = {}): Promise<AckOf<T>> {
  return (await (c.timeout(15_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload)) as AckOf<T>;
}

async function enter(h: Harness, room: string, name: string, hostKey?: string): Promise<{ client: TestClient; id: string; recording?: RecordingState; allowed?: boolean }> {
  const client = await h.connect(await h.token(room, name, hostKey ? { hostKey } : {}));
  const ack = await client.timeout(5000).emitWithAck('room:join', { media: MEDIA });
  if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
  return { client, id: ack.data.self.id, recording: ack.data.recording, allowed: ack.data.recordingAllowed };
}

describe('recording with the real Janus', () => {
  let proc: JanusProcess;
  let sfu: SfuHandle;
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'recordings-'));
    const { proc: p, settings } = await startTestJanus();
    proc = p;
    sfu = await startSfu(
      sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }),
      { logger: quiet, pingIntervalMs: 300, pingTimeoutMs: 1500, reconnectMs: 200 },
    );
    await sfu.health?.waitFor('up', 5000);
    h = await startHarness({ RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '1', RECORDINGS_DIR: dir }, { sfu });
  });

  afterAll(async () => {
    await h?.close();
    await sfu?.stop();
    await proc?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets only hosts record; everyone and the lobby see it; the room moves to the SFU; the file is composed and downloadable', async () => {
    const room = 'rec-a';
    const hostKey = (await h.meeting(room)) as string;
    const ada = await enter(h, room, 'Ada', hostKey);
    const bob = await enter(h, room, 'Bob');
    expect(ada.allowed).toBe(true);
    expect(ada.recording).toEqual({ active: false });

    // A guest may neither start nor list.
    expect(await emit(bob.client, 'recording:start')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emit(bob.client, 'recording:list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emit(ada.client, 'recording:start', { by: 'me' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    // Someone still in the lobby (connected, not joined) hears it too.
    const lobby = await h.connect(await h.token(room, 'Cy'));
    const seen = [ada, bob].map((p) => nextEvent<RecordingState>(p.client, 'recording:state', 10_000));
    const lobbySeen = nextEvent<RecordingState>(lobby, 'recording:state', 10_000);
    const topology = nextEvent<{ mode: string }>(bob.client, 'room:topology', 10_000);
    const started = await emit<RecordingState>(ada.client, 'recording:start');
    expect(started).toMatchObject({ ok: true, data: { active: true, by: 'Ada' } });
    for (const s of [...(await Promise.all(seen)), await lobbySeen]) expect(s).toMatchObject({ active: true, by: 'Ada' });
    expect((await topology).mode).toBe('sfu');
    // Starting twice changes nothing.
    expect(await emit<RecordingState>(ada.client, 'recording:start')).toMatchObject({ ok: true, data: { since: started.ok ? started.data.since : -1 } });

    // The newcomer joins while it records: its join answer says so, and the timeline has it.
    const cy = await enter(h, room, 'Cy');
    expect(cy.recording).toMatchObject({ active: true });
    expect((await emit(bob.client, 'media:update', { camera: false })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));

    const stopped = nextEvent<RecordingState>(cy.client, 'recording:state', 10_000);
    expect(await emit<RecordingState>(ada.client, 'recording:stop')).toMatchObject({ ok: true, data: { active: false } });
    expect(await stopped).toEqual({ active: false });

    await h.server.recording.jobs.idle();
    const [list] = [await emit<RecordingSummary[]>(ada.client, 'recording:list')];
    expect(list.ok).toBe(true);
    const rec = (list.ok ? list.data : [])[0] as RecordingSummary;
    expect(rec).toMatchObject({ state: 'ready' });
    const m = await readManifest(dir, rec.id);
    expect(m?.janusRoom).toBeTruthy();
    // Ada and Bob; Cy joined; Bob's camera went off; the last entry closes it.
    const names = m?.timeline.map((s) => s.participants.map((p) => `${p.name}${p.camera ? '' : '(off)'}`).join(','));
    expect(names?.slice(0, 3)).toEqual(['Ada,Bob', 'Ada,Bob,Cy', 'Ada,Bob(off),Cy']);
    // The raw folder is gone once the file is in place.
    expect(await readdir(path.join(dir, rec.id))).toEqual(expect.not.arrayContaining(['raw']));

    const info = await probe(path.join(dir, rec.id, 'recording.mp4'));
    const recorded = ((m?.stoppedAt ?? 0) - (m?.startedAt ?? 0)) / 1000;
    expect(Math.abs(info.durationS - recorded)).toBeLessThanOrEqual(0.1);
    expect(info.video?.codec).toBe('h264');
    expect(info.audio?.codec).toBe('aac');

    const res = await fetch(`${h.url}${rec.url}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(rec.bytes);
    // A different first character of the signature (replacing it with a fixed one left the URL unchanged 1 time in 64).
    const forged = (rec.url as string).replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(forged).not.toBe(rec.url);
    expect((await fetch(`${h.url}${forged}`)).status).toBe(403);
    expect((await fetch(`${h.url}${(rec.url as string).replace(/expires=\d+/, 'expires=1')}`)).status).toBe(403);
  });

  it('stops the recording when the host ends the meeting', async () => {
    const room = 'rec-b';
    const hostKey = (await h.meeting(room)) as string;
    const ada = await enter(h, room, 'Ada', hostKey);
    expect((await emit(ada.client, 'recording:start')).ok).toBe(true);
    expect(h.server.recording.recorder.state(room).active).toBe(true);
    expect((await emit(ada.client, 'host:end')).ok).toBe(true);
    expect(h.server.recording.recorder.state(room).active).toBe(false);
  });
});

describe('recording policy', () => {
  it('refuses recording:start with RECORDING=off, and says so in the join answer', async () => {
    const h = await startHarness({ RECORDING: 'off' });
    try {
      const hostKey = (await h.meeting('rec-off')) as string;
      const ada = await enter(h, 'rec-off', 'Ada', hostKey);
      expect(ada.allowed).toBe(false);
      expect(await emit(ada.client, 'recording:start')).toMatchObject({ ok: false, error: { code: 'RECORDING_DISABLED' } });
    } finally {
      await h.close();
    }
  });

  it('refuses it without a media server', async () => {
    const h = await startHarness();
    try {
      const hostKey = (await h.meeting('rec-nosfu')) as string;
      const ada = await enter(h, 'rec-nosfu', 'Ada', hostKey);
      expect(ada.allowed).toBe(false);
      expect(await emit(ada.client, 'recording:start')).toMatchObject({ ok: false, error: { code: 'SFU_UNAVAILABLE' } });
    } finally {
      await h.close();
    }
  });
});
