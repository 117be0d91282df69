/**
 * A cheap publisher's one WebRTC connection (./cheap-publisher.ts): its feed published to the
 * room's Janus VideoRoom through `sfu:publish` / `sfu:trickle` (send-only, the camera capped at
 * `maxBitrate`, also in Janus's answer), closed on `sfu:leave`, a rehome or an error, and the bytes
 * and frames it sent (outbound-rtp), summed over every publisher connection it made.
 */
import type { IceServersResponse, SfuCandidate, SfuJsep } from '../../protocol';
import { wrtc, type Track, type WrtcPc } from './cheap-publisher-media';

/** What the publisher connection needs of its participant. */
export interface SfuPublisherHooks {
  /** An acked request on the participant's socket (its default timeout when none is given). */
  request<T>(event: string, payload: unknown, timeoutMs?: number): Promise<T>;
  fault(what: string, e: unknown): void;
  log(line: string): void;
  /** The ICE servers the server gave the participant (read at each publish). */
  ice(): IceServersResponse;
  /** Janus answered a publish. */
  published(): void;
}

export interface SfuSent {
  publishing: boolean;
  pcState: string;
  video: number;
  audio: number;
  frames: number;
}

export class SfuPublisher {
  private pc: WrtcPc | null = null;
  /** Trickle waits for the publish answer (the server needs the publisher first). */
  private pending: (SfuCandidate | null)[] | null = null;
  private publishing: Promise<void> | null = null;
  private readonly counted = { video: 0, audio: 0, frames: 0 };

  constructor(
    private readonly tracks: Track[],
    private readonly o: { maxBitrate: number; fps: number },
    private readonly h: SfuPublisherHooks,
  ) {}

  /** It has a publisher connection (connected or on its way). */
  get active(): boolean {
    return this.pc !== null;
  }

  /** Publishes unless it is already (a failure is reported and drops the connection; never rejects). */
  start(): Promise<void> {
    this.publishing ??= this.publish()
      .catch((e: unknown) => {
        this.h.fault('publish', e);
        this.stop(false);
      })
      .finally(() => (this.publishing = null));
    return this.publishing;
  }

  private async publish(): Promise<void> {
    if (this.pc) return;
    const w = wrtc();
    const ice = this.h.ice();
    const pc = new w.RTCPeerConnection({ iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy ?? 'all' } as RTCConfiguration);
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
    pc.onconnectionstatechange = () => this.h.log(`publisher ${pc.connectionState}`);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.h.request<{ jsep: SfuJsep }>('sfu:publish', { jsep: { type: 'offer', sdp: offer.sdp } }, 20_000);
    if (this.pc !== pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: capVideo(answer.jsep.sdp, this.o.maxBitrate) });
    this.h.published();
    const queued = this.pending ?? [];
    this.pending = null;
    for (const c of queued) this.trickle(c);
    await waitConnected(pc, 20_000);
  }

  private trickle(candidate: SfuCandidate | null): void {
    this.h.request('sfu:trickle', { target: 'publisher', candidate }).catch((e: unknown) => this.h.fault('sfu:trickle', e));
  }

  /** Janus's candidate for the publisher connection (`sfu:trickle` to `publisher`). */
  remoteCandidate(candidate: SfuCandidate | null): void {
    if (!this.pc || !candidate) return;
    void this.pc.addIceCandidate(candidate as RTCIceCandidateInit).catch((e: unknown) => this.h.fault('addIceCandidate', e));
  }

  /** Closes the publisher connection (`leave`: also tells the server, which drops the feed). */
  stop(leave: boolean): void {
    const pc = this.pc;
    if (!pc) return;
    void this.readBytes(pc).then(() => pc.close());
    this.pc = null;
    this.pending = null;
    if (leave) this.h.request('sfu:leave', {}).catch((e: unknown) => this.h.fault('sfu:leave', e));
  }

  /** Adds a closing connection's counters to the totals. */
  private async readBytes(pc: WrtcPc): Promise<void> {
    const b = await outbound(pc).catch(() => null);
    if (!b) return;
    this.counted.video += b.video;
    this.counted.audio += b.audio;
    this.counted.frames += b.frames;
  }

  /** The connection's state and what every publisher connection sent so far. */
  async sent(): Promise<SfuSent> {
    const pc = this.pc;
    const now = pc ? await outbound(pc).catch(() => ({ video: 0, audio: 0, frames: 0 })) : { video: 0, audio: 0, frames: 0 };
    return {
      publishing: pc?.connectionState === 'connected',
      pcState: pc?.connectionState ?? 'none',
      video: this.counted.video + now.video,
      audio: this.counted.audio + now.audio,
      frames: this.counted.frames + now.frames,
    };
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
