/**
 * Recording per room: start and stop (forcing the room onto the SFU for the duration), Janus's
 * recording of every publisher into the recording's folder, and the timeline of who was there
 * with what on, from the server's own roster. Each change of state is written to the manifest;
 * a stopped recording goes to the composition jobs.
 *
 * With several nodes (Redis), a recording belongs to the node that started it; the others learn of
 * it (`recording:changed`: they show it, in join answers too, and hold the room on the SFU), pass a
 * host's Stop to it (`recording:stop`) and tell it of roster changes they see (`recording:observe`),
 * so the timeline is complete. Known limits: two hosts on two nodes pressing Record in the same
 * instant may start two recordings; a node started after a recording began learns of it at its next
 * change; a recording whose node dies stops there (its raw files are composed by the jobs' sweep).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, fail, ok } from '../../protocol';
import type { Ack, Participant, RecordingState, RecordingSummary } from '../../protocol';
import type { ServerContext } from '../events/types';
import { randomId } from '../ids';
import { signedPath } from './links';
import { RAW_DIR, listManifests, recordingDir, writeManifest, type Manifest, type RosterSnapshot } from './manifest';
import type { CompositionJobs } from './work';
import type { RecordingStorage } from './storage';

/** What recording needs of the media server (the SFU service). */
export interface RecordingMedia {
  available(): boolean;
  /** Keeps the room on the SFU (or lets it go back after the hold-down). */
  require(room: string, on: boolean): void;
  /** Janus records the room's publishers into `dir` (or stops); resolves to the VideoRoom id. */
  record(room: string, on: boolean, dir?: string): Promise<string | undefined>;
}

/** Socket.IO room of every connection of a meeting, joined or still in the lobby: they all see the notice. */
export const recordingWatchChannel = (room: string): string => `rec:${room}`;

interface Active {
  manifest: Manifest;
}

/** How long a Stop passed to the recording node may take to come back as stopped. */
const REMOTE_STOP_MS = 5000;

export class Recorder {
  private readonly active = new Map<string, Active>();
  /** Recordings other nodes run (cluster), as they announced them. */
  private readonly elsewhere = new Map<string, RecordingState>();
  private readonly cluster: boolean;
  /** Start, stop and snapshots of one room run one after the other. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly media: RecordingMedia | undefined,
    private readonly jobs: CompositionJobs,
    /** The S3-compatible store, when files go there (links are then pre-signed by it). */
    private readonly storage?: RecordingStorage,
  ) {
    this.cluster = !!ctx.config.redisUrl;
    if (!this.cluster) return;
    ctx.io.on('recording:changed', (room: string, state: RecordingState) => this.changedElsewhere(room, state));
    ctx.io.on('recording:stop', (room: string) => void (this.active.has(room) && this.stop(room)));
    ctx.io.on('recording:observe', (room: string) => void (this.active.has(room) && this.observe(room)));
  }

  /** RECORDING=on and a media server to record with. */
  allowed(): boolean {
    return this.ctx.config.recording.enabled && this.media !== undefined;
  }

  state(room: string): RecordingState {
    const a = this.active.get(room);
    return a ? { active: true, by: a.manifest.by, since: a.manifest.startedAt } : (this.elsewhere.get(room) ?? { active: false });
  }

  activeCount(): number {
    return this.active.size;
  }

  start(room: string, by: Participant): Promise<Ack<RecordingState>> {
    return this.serial(room, async () => {
      if (!this.ctx.config.recording.enabled) return fail(ErrorCode.RecordingDisabled, 'recording is turned off on this server');
      if (!this.media || !this.media.available()) return fail(ErrorCode.SfuUnavailable, 'recording needs the media server, which is unavailable');
      if (this.active.has(room) || this.elsewhere.has(room)) return ok(this.state(room));
      const root = this.ctx.config.recording.dir;
      const m: Manifest = { version: 1, id: randomId(), room, by: by.name, startedAt: this.ctx.now(), state: 'recording', attempts: 0, timeline: [] };
      const raw = path.join(recordingDir(root, m.id), RAW_DIR);
      await mkdir(raw, { recursive: true });
      this.media.require(room, true);
      try {
        m.janusRoom = await this.media.record(room, true, raw);
      } catch (err) {
        this.media.require(room, false);
        m.state = 'failed';
        m.reason = `the media server did not start recording: ${err instanceof Error ? err.message : String(err)}`;
        await writeManifest(root, m);
        this.ctx.logger.warn('recording did not start', { room, reason: m.reason });
        return fail(ErrorCode.Internal, 'the media server did not start recording');
      }
      // The clock starts once Janus records: the composed file is as long as the indicator was on.
      m.startedAt = this.ctx.now();
      m.timeline.push(await this.snapshot(room));
      await writeManifest(root, m);
      this.active.set(room, { manifest: m });
      this.ctx.logger.info('recording started', { room, id: m.id, by: by.id });
      this.announce(room);
      return ok(this.state(room));
    });
  }

  stop(room: string): Promise<RecordingState> {
    if (!this.active.has(room) && this.elsewhere.has(room)) return this.stopElsewhere(room);
    return this.serial(room, async () => {
      const a = this.active.get(room);
      if (!a) return this.state(room);
      this.active.delete(room);
      const m = a.manifest;
      m.stoppedAt = this.ctx.now();
      m.timeline.push({ ...(await this.snapshot(room).catch(() => ({ at: 0, participants: [] }))), at: m.stoppedAt });
      m.state = 'composing';
      this.announce(room);
      // Closes the .mjr files; the VideoRoom may be gone already (everyone left).
      await this.media?.record(room, false).catch((err: unknown) => this.ctx.logger.warn('stopping Janus recording failed', { room, error: String(err) }));
      this.media?.require(room, false);
      await writeManifest(this.ctx.config.recording.dir, m);
      this.ctx.logger.info('recording stopped', { room, id: m.id, ms: m.stoppedAt - m.startedAt });
      this.jobs.enqueue(m.id);
      return this.state(room);
    });
  }

  /** The roster or someone's media changed: a timeline entry while recording; the last one out stops it. */
  observe(room: string): void {
    if (this.cluster && !this.active.has(room) && this.elsewhere.has(room)) this.ctx.io.serverSideEmit('recording:observe', room);
    if (!this.active.has(room)) return;
    void this.serial(room, async () => {
      const a = this.active.get(room);
      if (!a) return;
      const snap = await this.snapshot(room);
      if (snap.participants.length === 0) {
        // Nobody left to record (the meeting ended, or everyone went): stop it.
        setImmediate(() => void this.stop(room));
        return;
      }
      a.manifest.timeline.push(snap);
      await writeManifest(this.ctx.config.recording.dir, a.manifest);
    }).catch((err: unknown) => this.ctx.logger.warn('recording timeline update failed', { room, error: String(err) }));
  }

  /** The meeting's recordings, newest first, each ready one with a link that expires. */
  async list(room: string): Promise<RecordingSummary[]> {
    const { dir, linkTtlSeconds } = this.ctx.config.recording;
    const expires = this.ctx.now() + linkTtlSeconds * 1000;
    const all = (await listManifests(dir)).filter((m) => m.room === room).sort((a, b) => b.startedAt - a.startedAt);
    const link = async (m: Manifest): Promise<string | undefined> => {
      if (m.state !== 'ready') return undefined;
      if (!m.stored) return signedPath(this.ctx.config.jwt.secret, m.id, expires);
      const name = `recording-${new Date(m.startedAt).toISOString().slice(0, 16).replace(':', '-')}.mp4`;
      return this.storage?.link(m.stored.key, linkTtlSeconds, name).catch(() => undefined);
    };
    const links = await Promise.all(all.map(link));
    return all.map((m, i) => ({
      id: m.id,
      startedAt: m.startedAt,
      ...(m.stoppedAt !== undefined ? { durationMs: m.output?.durationMs ?? m.stoppedAt - m.startedAt } : {}),
      ...(m.output ? { bytes: m.output.bytes } : {}),
      state: m.state,
      ...(m.reason ? { reason: m.reason } : {}),
      ...(links[i] ? { url: links[i] } : {}),
    }));
  }

  /** Server shutdown: every running recording stops and is queued (its job resumes at the next start if cut short). */
  async close(): Promise<void> {
    await Promise.all([...this.active.keys()].map((room) => this.stop(room).catch(() => undefined)));
  }

  private announce(room: string): void {
    this.ctx.io.to(recordingWatchChannel(room)).emit('recording:state', this.state(room));
    if (this.cluster) this.ctx.io.serverSideEmit('recording:changed', room, this.state(room));
  }

  /** Another node started or stopped recording `room`: shown here, and the room held on the SFU meanwhile. */
  private changedElsewhere(room: string, state: RecordingState): void {
    const was = this.elsewhere.has(room);
    if (state.active) this.elsewhere.set(room, state);
    else this.elsewhere.delete(room);
    if (was !== state.active) this.media?.require(room, state.active);
  }

  /** A host here pressed Stop on a recording another node runs: that node stops it; resolves once it says so. */
  private async stopElsewhere(room: string): Promise<RecordingState> {
    this.ctx.io.serverSideEmit('recording:stop', room);
    for (const until = Date.now() + REMOTE_STOP_MS; this.elsewhere.has(room) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    return this.state(room);
  }

  private async snapshot(room: string): Promise<RosterSnapshot> {
    const people = await this.ctx.store.listParticipants(room);
    return {
      at: this.ctx.now(),
      participants: people.map((p) => ({ id: p.id, name: p.name, joinedAt: p.joinedAt, mic: p.media.mic, camera: p.media.camera, screen: p.media.screen })),
    };
  }

  private serial<T>(room: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(room) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.chains.set(room, tail);
    void tail.then(() => this.chains.get(room) === tail && this.chains.delete(room));
    return next;
  }
}
