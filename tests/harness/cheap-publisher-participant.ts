/**
 * One cheap publisher (./cheap-publisher.ts) as a participant of the room: it joins (waiting to be
 * admitted when the meeting has a waiting room), follows the room protocol so that it blocks
 * nobody, and counts what it did. Its way in is ./cheap-publisher-signaling.ts, its media
 * ./cheap-publisher-media.ts, its publisher connection to Janus ./cheap-publisher-sfu.ts.
 *
 * It never takes part in the mesh:
 * - `room:topology` → on `sfu` it publishes, then reports `sfu:switched` (it has no tiles: once its
 *   feed is in the VideoRoom, everything it shows runs on the SFU); on `mesh` it reports at once and
 *   stops publishing when the server says the switch is done (`sfu:switch-done`).
 * - mesh `peer:signal`s are counted and left unanswered (no mesh connection to it ever comes up;
 *   a browser's tile of it then stays without media while the room is on mesh).
 * - `sfu:rehome` publishes again; `sfu:error` drops the publisher (the room falls back to mesh);
 *   a lost socket resumes with the resume token (or joins afresh when refused).
 * - it never subscribes (`sfu:subscribe`): it receives nothing, which is what keeps it cheap.
 */
import type { IceServersResponse, JoinResponse, MediaState, ResumeToken, Topology } from '../../protocol';
import type { CheapPublisher, CheapPublisherSettings, CheapPublisherStats } from './cheap-publisher-types';
import { SyntheticMedia } from './cheap-publisher-media';
import { connected, postSession, request, sessionSocket, type Sock } from './cheap-publisher-signaling';
import { SfuPublisher } from './cheap-publisher-sfu';

export class CheapParticipant implements CheapPublisher {
  private socket: Sock | null = null;
  private id: string | null = null;
  private topology: Topology | null = null;
  private ice: IceServersResponse = { iceServers: [] };
  private resume: ResumeToken | undefined;
  private closed = false;
  private readonly media: SyntheticMedia;
  private readonly sfu: SfuPublisher;
  private announcedAt = 0;
  private readonly s: Omit<CheapPublisherStats, 'bytesSent' | 'framesEncoded' | 'pcState' | 'publishing' | 'id' | 'topology' | 'mic'> = {
    name: '',
    framesFed: 0,
    meshSignalsIgnored: 0,
    switchedReports: { mesh: 0, sfu: 0 },
    lastSwitch: null,
    publishes: 0,
    errors: [],
  };

  constructor(
    readonly name: string,
    index: number,
    private readonly o: CheapPublisherSettings,
  ) {
    this.s.name = name;
    this.media = new SyntheticMedia(index, o);
    this.sfu = new SfuPublisher(this.media.tracks, o, {
      request: <T>(event: string, payload: unknown, timeoutMs?: number) => this.request<T>(event, payload, timeoutMs),
      fault: (what, e) => this.fault(what, e),
      log: (line) => this.log(line),
      ice: () => this.ice,
      published: () => void this.s.publishes++,
    });
  }

  private log(line: string): void {
    this.o.log?.(`${this.name}: ${line}`);
  }

  private fault(what: string, e: unknown): void {
    const line = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    this.s.errors.push(line);
    if (this.s.errors.length > 20) this.s.errors.shift();
    this.log(line);
  }

  /** One video frame (the shared clock's tick). */
  feedVideo(): void {
    if (this.closed) return;
    this.media.feedVideo();
    this.s.framesFed++;
  }

  /** One 10 ms chunk of the tone (nothing while muted). */
  feedAudio(): void {
    if (this.closed || !this.o.mic) return;
    this.media.feedAudio();
  }

  private request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
    return request<T>(this.socket, event, payload, timeoutMs);
  }

  /** Session, socket, `room:join` (waiting for admission when the meeting has a waiting room). */
  async open(): Promise<void> {
    const session = await postSession(this.o.baseUrl, this.o.room, this.name);
    const socket = sessionSocket(this.o.baseUrl, session);
    this.socket = socket;
    this.listen(socket);
    await connected(socket, this.name);
    socket.on('connect', () => void this.reconnected());
    socket.on('disconnect', (reason) => this.log(`socket disconnected (${reason})`));
    await this.join();
  }

  private async join(): Promise<void> {
    const media: MediaState = { mic: this.o.mic, camera: true, screen: false, hand: false };
    for (;;) {
      try {
        this.entered(await this.request<JoinResponse>('room:join', { media }));
        return;
      } catch (e) {
        if (!/IN_WAITING_ROOM/.test(String(e))) throw e;
      }
      this.log('waits in the waiting room');
      await new Promise<void>((resolve, reject) => {
        this.socket?.once('lobby:admitted', () => resolve());
        this.socket?.once('lobby:denied', () => reject(new Error('denied')));
      });
    }
  }

  private entered(j: JoinResponse): void {
    this.id = j.self.id;
    this.ice = j.ice;
    this.resume = j.resume;
    this.topology = j.topology;
    this.log(`in the room as ${j.self.id} (${j.topology}, ${j.participants.length} others)`);
    // Joining a room already on the SFU: publish now (no switch to report).
    if (j.topology === 'sfu') void this.startPublishing();
  }

  /** The socket came back: resume with the token, else join afresh (a new participant id). */
  private async reconnected(): Promise<void> {
    if (this.closed) return;
    try {
      const j = this.resume ? await this.request<JoinResponse>('room:resume', { token: this.resume.token }) : null;
      if (j) {
        this.resume = j.resume ?? this.resume;
        this.topology = j.topology;
        if (j.topology === 'sfu' && !this.sfu.active) void this.startPublishing();
        return;
      }
    } catch (e) {
      this.fault('resume', e);
    }
    this.sfu.stop(false);
    await this.join().catch((e: unknown) => this.fault('rejoin', e));
  }

  private listen(socket: Sock): void {
    socket.on('room:topology', ({ mode }) => void this.onTopology(mode));
    socket.on('sfu:switch-done', ({ mode }) => {
      const last = this.s.lastSwitch;
      if (last && last.mode === mode && last.doneMs === null) last.doneMs = Date.now() - this.announcedAt;
      if (mode === 'mesh' && this.topology === 'mesh') this.sfu.stop(true);
    });
    socket.on('sfu:trickle', ({ target, candidate }) => {
      if (target !== 'publisher') return;
      this.sfu.remoteCandidate(candidate);
    });
    socket.on('sfu:rehome', () => {
      this.log('rehome: publishing again');
      this.sfu.stop(false);
      if (this.topology === 'sfu') void this.startPublishing();
    });
    socket.on('sfu:error', (e) => {
      this.fault('sfu:error', new Error(`${e.code} ${e.message}`));
      this.sfu.stop(false);
    });
    // Never part of the mesh: offers and candidates from mesh peers go unanswered.
    socket.on('peer:signal', () => void this.s.meshSignalsIgnored++);
    socket.on('room:removed', () => void this.close());
    socket.on('meeting:ended', () => void this.close());
  }

  private async onTopology(mode: Topology): Promise<void> {
    this.topology = mode;
    this.announcedAt = Date.now();
    const sw = { mode, reportedMs: null as number | null, doneMs: null as number | null };
    this.s.lastSwitch = sw;
    if (mode === 'sfu') {
      // Report once our feed is in the VideoRoom (or the attempt failed: the switch must not wait on us).
      await this.startPublishing();
    }
    if (this.topology !== mode || this.closed) return;
    await this.request('sfu:switched', { mode }).then(
      () => {
        this.s.switchedReports[mode]++;
        sw.reportedMs ??= Date.now() - this.announcedAt;
      },
      (e: unknown) => this.fault('sfu:switched', e),
    );
  }

  private startPublishing(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.sfu.start();
  }

  async stats(): Promise<CheapPublisherStats> {
    const sent = await this.sfu.sent();
    return {
      ...this.s,
      errors: [...this.s.errors],
      switchedReports: { ...this.s.switchedReports },
      lastSwitch: this.s.lastSwitch ? { ...this.s.lastSwitch } : null,
      id: this.id,
      topology: this.topology,
      mic: this.o.mic,
      publishing: sent.publishing,
      pcState: sent.pcState,
      bytesSent: { video: sent.video, audio: sent.audio },
      framesEncoded: sent.frames,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const socket = this.socket;
    if (socket?.connected) await this.request('room:leave', {}, 3000).catch(() => undefined);
    this.closed = true;
    this.sfu.stop(false);
    socket?.removeAllListeners();
    socket?.disconnect();
    this.socket = null;
    this.media.stop();
  }
}
