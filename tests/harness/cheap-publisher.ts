/**
 * Cheap publishers: Node-side participants for rooms of 30 or more tested with few real browsers.
 * Each one enters a meeting through the product's own signaling path, as the renderer does
 * (`POST /api/session`, Socket.IO over WebSocket with the token in `auth`, `room:join`), and, while
 * the room is on the SFU, publishes a small synthetic camera and a tone to the room's Janus through
 * `sfu:publish` / `sfu:trickle` (@roamhq/wrtc, its nonstandard RTCVideoSource / RTCAudioSource).
 *
 * It follows the room protocol so that it blocks nobody, and never takes part in the mesh:
 * - `room:topology` → on `sfu` it publishes, then reports `sfu:switched` (it has no tiles: once its
 *   feed is in the VideoRoom, everything it shows runs on the SFU); on `mesh` it reports at once and
 *   stops publishing when the server says the switch is done (`sfu:switch-done`).
 * - mesh `peer:signal`s are counted and left unanswered (no mesh connection to it ever comes up;
 *   a browser's tile of it then stays without media while the room is on mesh).
 * - `sfu:rehome` publishes again; `sfu:error` drops the publisher (the room falls back to mesh);
 *   a lost socket resumes with the resume token (or joins afresh when refused).
 * - it never subscribes (`sfu:subscribe`): it receives nothing, which is what keeps it cheap.
 *
 * Media: a VP8 camera of `width`x`height` at `fps` (a moving pattern in a colour of its own, from
 * frames computed once per publisher), capped at `maxBitrate`, and a 48 kHz tone fed in 10 ms
 * chunks; one timer for all publishers of a process. Runs where the server is reachable: in an e2e
 * test, inside the test namespace (./cheap-publisher-ns.ts runs ./cheap-publisher-cli.ts there).
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  IceServersResponse,
  JoinResponse,
  MediaState,
  ResumeToken,
  ServerToClientEvents,
  SessionResponse,
  SfuCandidate,
  SfuJsep,
  Topology,
} from '../../protocol';
import type * as WrtcModule from '@roamhq/wrtc';

// The native module is loaded on first use (a test importing only the types does not load it).
type Wrtc = typeof WrtcModule;
type WrtcPc = InstanceType<Wrtc['RTCPeerConnection']>;
type VideoSource = InstanceType<Wrtc['nonstandard']['RTCVideoSource']>;
type AudioSource = InstanceType<Wrtc['nonstandard']['RTCAudioSource']>;
type Track = ReturnType<VideoSource['createTrack']>;
let wrtcModule: Wrtc | undefined;
function wrtc(): Wrtc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wrtcModule ??= require('@roamhq/wrtc') as Wrtc;
  return wrtcModule;
}

export interface CheapPublisherOptions {
  /** The server's base URL as seen from where this runs, e.g. http://localhost:8080. */
  baseUrl: string;
  /** The meeting id (its waiting room off, or a host admits them: they wait as guests do). */
  room: string;
  count: number;
  /** Display names: `${namePrefix} ${i + 1}` (default 'Cheap'). */
  namePrefix?: string;
  /** Camera size (even numbers) and frame rate; default 160x90 at 10 fps. */
  width?: number;
  height?: number;
  fps?: number;
  /** The camera's encoder cap in bit/s; default 100 kbit/s. */
  maxBitrate?: number;
  /** Sends the tone (default true); false still negotiates the audio m-line, silent. */
  audio?: boolean;
  /** Started one after the other, this far apart (default 300 ms): a burst of joins is not what is tested. */
  staggerMs?: number;
  /** Each publisher's log lines (default none). */
  log?: (line: string) => void;
}

export interface CheapPublisherStats {
  name: string;
  /** Participant id the server gave it (also its VideoRoom feed id), once joined. */
  id: string | null;
  topology: Topology | null;
  /** Its publisher connection to Janus is connected. */
  publishing: boolean;
  pcState: string;
  /** Sent on its publisher connection (outbound-rtp bytesSent), summed over every publisher connection it made. */
  bytesSent: { video: number; audio: number };
  framesEncoded: number;
  /** Frames handed to its video source. */
  framesFed: number;
  /** Mesh `peer:signal`s it left unanswered. */
  meshSignalsIgnored: number;
  /** `sfu:switched` reports sent, per mode. */
  switchedReports: { mesh: number; sfu: number };
  /**
   * The last switch announced to it (`room:topology`): ms from the announcement to its own
   * `sfu:switched` and to the server's `sfu:switch-done` (null until they happen). A participant
   * that never reports holds the switch until the server's timeout (12 s by default).
   */
  lastSwitch: { mode: Topology; reportedMs: number | null; doneMs: number | null } | null;
  publishes: number;
  errors: string[];
}

export interface CheapPublisher {
  readonly name: string;
  stats(): Promise<CheapPublisherStats>;
  close(): Promise<void>;
}

export interface CheapPublishers {
  publishers: CheapPublisher[];
  stats(): Promise<CheapPublisherStats[]>;
  close(): Promise<void>;
}

const TONE_RATE = 48_000;
/** 10 ms at 48 kHz: the chunk RTCAudioSource takes. */
const CHUNK = TONE_RATE / 100;

/** A 400 Hz tone: 480 samples hold exactly four periods, so one chunk loops seamlessly. */
function toneChunk(pitchHz: number, amplitude: number): Int16Array {
  const s = new Int16Array(CHUNK);
  for (let i = 0; i < CHUNK; i++) s[i] = Math.round(amplitude * Math.sin((2 * Math.PI * pitchHz * i) / TONE_RATE));
  return s;
}

/**
 * `cycle` I420 frames of a bar sweeping across a gradient in the publisher's own colour (its
 * index picks the hue): computed once, handed to the source in turn, so a frame costs nothing.
 */
function patternFrames(width: number, height: number, index: number, cycle: number): Uint8Array[] {
  const ySize = width * height;
  const cw = width / 2;
  const ch = height / 2;
  const u = 64 + ((index * 53) % 128);
  const v = 192 - ((index * 97) % 128);
  const frames: Uint8Array[] = [];
  for (let f = 0; f < cycle; f++) {
    const data = new Uint8Array(ySize * 1.5);
    const bar = Math.floor((f / cycle) * width);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) data[row + x] = Math.abs(x - bar) < width / 12 ? 235 : 40 + ((x + y + f * 4) & 127);
    }
    data.fill(u, ySize, ySize + cw * ch);
    data.fill(v, ySize + cw * ch, ySize + 2 * cw * ch);
    frames.push(data);
  }
  return frames;
}

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

class CheapPublisherImpl implements CheapPublisher {
  private socket: Sock | null = null;
  private id: string | null = null;
  private topology: Topology | null = null;
  private ice: IceServersResponse = { iceServers: [] };
  private resume: ResumeToken | undefined;
  private pc: WrtcPc | null = null;
  /** Trickle waits for the publish answer (the server needs the publisher first). */
  private pending: (SfuCandidate | null)[] | null = null;
  private publishing: Promise<void> | null = null;
  private closed = false;
  private readonly video: VideoSource;
  private readonly audio: AudioSource;
  private readonly tracks: Track[];
  private readonly frames: Uint8Array[];
  private readonly tone: Int16Array;
  private frame = 0;
  private announcedAt = 0;
  private readonly counted = { video: 0, audio: 0, frames: 0 };
  private readonly s: Omit<CheapPublisherStats, 'bytesSent' | 'framesEncoded' | 'pcState' | 'publishing' | 'id' | 'topology'> = {
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
    private readonly o: Required<Omit<CheapPublisherOptions, 'log' | 'count' | 'namePrefix' | 'staggerMs'>> & { log?: (l: string) => void },
  ) {
    this.s.name = name;
    const w = wrtc();
    this.video = new w.nonstandard.RTCVideoSource();
    this.audio = new w.nonstandard.RTCAudioSource();
    this.tracks = [this.audio.createTrack(), this.video.createTrack()];
    this.frames = patternFrames(o.width, o.height, index, Math.max(2, Math.round(o.fps * 2)));
    this.tone = o.audio ? toneChunk(400, 3000) : new Int16Array(CHUNK);
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
    const data = this.frames[this.frame++ % this.frames.length] as Uint8Array;
    this.video.onFrame({ width: this.o.width, height: this.o.height, data });
    this.s.framesFed++;
  }

  /** One 10 ms chunk of the tone. */
  feedAudio(): void {
    if (this.closed) return;
    this.audio.onData({ samples: this.tone, sampleRate: TONE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: CHUNK });
  }

  private request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error(`${event}: not connected`));
    const timed = socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: unknown, ack: Ack<T>) => void): void };
    return new Promise<T>((resolve, reject) =>
      timed.emit(event, payload, (err, ack) => {
        if (err) reject(new Error(`${event}: no answer`));
        else if (ack?.ok) resolve(ack.data);
        else reject(new Error(`${event}: ${ack?.error?.code ?? '?'} ${ack?.error?.message ?? ''}`));
      }),
    );
  }

  /** Session, socket, `room:join` (waiting for admission when the meeting has a waiting room). */
  async open(): Promise<void> {
    const headers = { 'content-type': 'application/json', origin: this.o.baseUrl };
    const res = await fetch(`${this.o.baseUrl}/api/session`, { method: 'POST', headers, body: JSON.stringify({ room: this.o.room, name: this.name }) });
    if (!res.ok) throw new Error(`${this.name}: POST /api/session ${res.status} ${await res.text()}`);
    const session = (await res.json()) as SessionResponse;
    const socket: Sock = io(this.o.baseUrl, {
      auth: (cb) => cb({ token: session.token }),
      transports: ['websocket'],
      extraHeaders: { origin: this.o.baseUrl },
      reconnectionDelay: 300,
      reconnectionDelayMax: 2000,
      timeout: 5000,
      forceNew: true,
    });
    this.socket = socket;
    this.listen(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: socket did not connect`)), 15_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (e) => {
        if (!socket.active) {
          clearTimeout(timer);
          reject(new Error(`${this.name}: connect refused: ${e.message}`));
        }
      });
    });
    socket.on('connect', () => void this.reconnected());
    await this.join();
  }

  private async join(): Promise<void> {
    const media: MediaState = { mic: true, camera: true, screen: false, hand: false };
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
        if (j.topology === 'sfu' && !this.pc) void this.startPublishing();
        return;
      }
    } catch (e) {
      this.fault('resume', e);
    }
    this.stopPublishing(false);
    await this.join().catch((e: unknown) => this.fault('rejoin', e));
  }

  private listen(socket: Sock): void {
    socket.on('room:topology', ({ mode }) => void this.onTopology(mode));
    socket.on('sfu:switch-done', ({ mode }) => {
      const last = this.s.lastSwitch;
      if (last && last.mode === mode && last.doneMs === null) last.doneMs = Date.now() - this.announcedAt;
      if (mode === 'mesh' && this.topology === 'mesh') this.stopPublishing(true);
    });
    socket.on('sfu:trickle', ({ target, candidate }) => {
      if (target !== 'publisher' || !this.pc || !candidate) return;
      void this.pc.addIceCandidate(candidate as RTCIceCandidateInit).catch((e: unknown) => this.fault('addIceCandidate', e));
    });
    socket.on('sfu:rehome', () => {
      this.log('rehome: publishing again');
      this.stopPublishing(false);
      if (this.topology === 'sfu') void this.startPublishing();
    });
    socket.on('sfu:error', (e) => {
      this.fault('sfu:error', new Error(`${e.code} ${e.message}`));
      this.stopPublishing(false);
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
    this.publishing ??= this.publish()
      .catch((e: unknown) => {
        this.fault('publish', e);
        this.stopPublishing(false);
      })
      .finally(() => (this.publishing = null));
    return this.publishing;
  }

  private async publish(): Promise<void> {
    if (this.pc) return;
    const w = wrtc();
    const pc = new w.RTCPeerConnection({ iceServers: this.ice.iceServers, iceTransportPolicy: this.ice.iceTransportPolicy ?? 'all' } as RTCConfiguration);
    this.pc = pc;
    this.pending = [];
    const stream = new w.MediaStream(this.tracks);
    const [audioTrack, videoTrack] = this.tracks as [Track, Track];
    pc.addTransceiver(audioTrack, { direction: 'sendonly', streams: [stream] });
    // The small camera's own cap (the room's is 1 Mbit/s per publisher). wrtc's setParameters refuses
    // a change after the offer ("modified SSRC") and did not hold this one to it (320x180 at 15 fps
    // sent 130 kbit/s with a 100 kbit/s cap): Janus's answer carries it too (capVideo).
    pc.addTransceiver(videoTrack, { direction: 'sendonly', streams: [stream], sendEncodings: [{ maxBitrate: this.o.maxBitrate, maxFramerate: this.o.fps }] });
    pc.onicecandidate = (e) => {
      const c = e.candidate ? { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex } : null;
      if (this.pending) this.pending.push(c);
      else if (this.pc === pc) this.trickle(c);
    };
    pc.onconnectionstatechange = () => this.log(`publisher ${pc.connectionState}`);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.request<{ jsep: SfuJsep }>('sfu:publish', { jsep: { type: 'offer', sdp: offer.sdp } }, 20_000);
    if (this.pc !== pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: capVideo(answer.jsep.sdp, this.o.maxBitrate) });
    this.s.publishes++;
    const queued = this.pending ?? [];
    this.pending = null;
    for (const c of queued) this.trickle(c);
    await waitConnected(pc, 20_000);
  }

  private trickle(candidate: SfuCandidate | null): void {
    this.request('sfu:trickle', { target: 'publisher', candidate }).catch((e: unknown) => this.fault('sfu:trickle', e));
  }

  /** Closes the publisher connection (`leave`: also tells the server, which drops the feed). */
  private stopPublishing(leave: boolean): void {
    const pc = this.pc;
    if (!pc) return;
    void this.readBytes(pc).then(() => pc.close());
    this.pc = null;
    this.pending = null;
    if (leave) this.request('sfu:leave', {}).catch((e: unknown) => this.fault('sfu:leave', e));
  }

  /** Adds a closing connection's counters to the totals. */
  private async readBytes(pc: WrtcPc): Promise<void> {
    const b = await outbound(pc).catch(() => null);
    if (!b) return;
    this.counted.video += b.video;
    this.counted.audio += b.audio;
    this.counted.frames += b.frames;
  }

  async stats(): Promise<CheapPublisherStats> {
    const pc = this.pc;
    const now = pc ? await outbound(pc).catch(() => ({ video: 0, audio: 0, frames: 0 })) : { video: 0, audio: 0, frames: 0 };
    return {
      ...this.s,
      errors: [...this.s.errors],
      switchedReports: { ...this.s.switchedReports },
      lastSwitch: this.s.lastSwitch ? { ...this.s.lastSwitch } : null,
      id: this.id,
      topology: this.topology,
      publishing: pc?.connectionState === 'connected',
      pcState: pc?.connectionState ?? 'none',
      bytesSent: { video: this.counted.video + now.video, audio: this.counted.audio + now.audio },
      framesEncoded: this.counted.frames + now.frames,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const socket = this.socket;
    if (socket?.connected) await this.request('room:leave', {}, 3000).catch(() => undefined);
    this.closed = true;
    this.stopPublishing(false);
    socket?.removeAllListeners();
    socket?.disconnect();
    this.socket = null;
    for (const t of this.tracks) t.stop();
  }
}

/** `sdp` with a `b=AS` / `b=TIAS` cap of `bps` on its video m-lines (what the remote asks us to send at most). */
export function capVideo(sdp: string, bps: number): string {
  const lines = sdp.split('\r\n');
  const out: string[] = [];
  let video = false;
  for (const line of lines) {
    if (line.startsWith('m=')) video = line.startsWith('m=video');
    if (video && line.startsWith('b=')) continue;
    out.push(line);
    if (video && line.startsWith('c=')) out.push(`b=AS:${Math.round(bps / 1000)}`, `b=TIAS:${bps}`);
  }
  return out.join('\r\n');
}

async function outbound(pc: WrtcPc): Promise<{ video: number; audio: number; frames: number }> {
  const out = { video: 0, audio: 0, frames: 0 };
  const report = await pc.getStats();
  report.forEach((s: { type: string; kind?: string; mediaType?: string; bytesSent?: number; framesEncoded?: number }) => {
    if (s.type !== 'outbound-rtp') return;
    const kind = s.kind ?? s.mediaType;
    if (kind === 'video') {
      out.video += s.bytesSent ?? 0;
      out.frames += s.framesEncoded ?? 0;
    } else if (kind === 'audio') out.audio += s.bytesSent ?? 0;
  });
  return out;
}

function waitConnected(pc: WrtcPc, timeoutMs: number): Promise<void> {
  if (pc.connectionState === 'connected') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`publisher not connected within ${timeoutMs} ms (${pc.connectionState})`)), timeoutMs);
    const check = () => {
      if (pc.connectionState === 'connected') done();
      else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') done(new Error(`publisher ${pc.connectionState}`));
    };
    const done = (err?: Error) => {
      clearTimeout(timer);
      pc.removeEventListener('connectionstatechange', check);
      if (err) reject(err);
      else resolve();
    };
    pc.addEventListener('connectionstatechange', check);
  });
}

/**
 * Starts `count` cheap publishers in `room`, one after the other (each joined before the next
 * starts; a failed one is closed and the error thrown, the others closed too). One clock feeds
 * every publisher's camera and microphone.
 */
export async function startCheapPublishers(opts: CheapPublisherOptions): Promise<CheapPublishers> {
  const o = {
    baseUrl: opts.baseUrl,
    room: opts.room,
    width: opts.width ?? 160,
    height: opts.height ?? 90,
    fps: opts.fps ?? 10,
    maxBitrate: opts.maxBitrate ?? 100_000,
    audio: opts.audio ?? true,
    log: opts.log,
  };
  if (o.width % 2 || o.height % 2) throw new Error('width and height must be even (I420)');
  const list: CheapPublisherImpl[] = [];
  const started = Date.now();
  let chunks = 0;
  // Audio in 10 ms chunks, caught up by wall time (timers run late on a busy machine); video per frame interval.
  const audioTimer = setInterval(() => {
    const due = Math.floor((Date.now() - started) / 10);
    // After a long stall, skip ahead rather than burst seconds of audio.
    if (due - chunks > 20) chunks = due - 2;
    for (; chunks < due; chunks++) for (const p of list) p.feedAudio();
  }, 20);
  const videoTimer = setInterval(() => list.forEach((p) => p.feedVideo()), Math.round(1000 / o.fps));
  const stopClock = () => {
    clearInterval(audioTimer);
    clearInterval(videoTimer);
  };
  const closeAll = async () => {
    await Promise.all(list.map((p) => p.close()));
    stopClock();
  };
  try {
    for (let i = 0; i < opts.count; i++) {
      const p = new CheapPublisherImpl(`${opts.namePrefix ?? 'Cheap'} ${i + 1}`, i, o);
      list.push(p);
      await p.open();
      if (i < opts.count - 1) await new Promise((r) => setTimeout(r, opts.staggerMs ?? 300));
    }
  } catch (e) {
    await closeAll();
    throw e;
  }
  return {
    publishers: list,
    stats: () => Promise.all(list.map((p) => p.stats())),
    close: closeAll,
  };
}
