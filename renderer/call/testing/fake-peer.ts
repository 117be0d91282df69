/** A fake simple-peer for MeshTransport tests: records calls, lets tests fire its events. */
import type { PeerSignalData } from '../../../protocol';
import type { PeerFactory, PeerLike, PeerOptions } from '../mesh/peer';

export class FakeSender {
  readonly replaced: (MediaStreamTrack | null)[] = [];
  /** Resolves replaceTrack; tests may hold it to check serialisation. */
  gate: Promise<void> = Promise.resolve();
  constructor(public track: MediaStreamTrack | null) {}
  async replaceTrack(track: MediaStreamTrack | null): Promise<void> {
    await this.gate;
    this.replaced.push(track);
    this.track = track;
  }
}

export class FakePeer implements PeerLike {
  readonly signals: PeerSignalData[] = [];
  readonly addedTracks: MediaStreamTrack[] = [];
  /** The stream each added track was sent in (same order as addedTracks). */
  readonly addedStreams: MediaStream[] = [];
  readonly removedTracks: MediaStreamTrack[] = [];
  readonly senders: FakeSender[] = [];
  /** Order of operations across addTrack and sender.replaceTrack, for serialisation checks. */
  readonly log: string[] = [];
  destroyed = false;
  /** negotiate() calls, and restartIce() calls on the fake RTCPeerConnection. */
  negotiations = 0;
  iceRestarts = 0;
  signalingState: RTCSignalingState = 'stable';
  /** What the fake connection's transport stats say it received. */
  bytesReceived = 0;
  private readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  readonly _pc: RTCPeerConnection;

  constructor(readonly opts: PeerOptions) {
    const senders = this.senders;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this._pc = {
      getSenders: () => senders,
      get signalingState() {
        return self.signalingState;
      },
      iceConnectionState: 'disconnected',
      connectionState: 'connected',
      getStats: async () => new Map([['T01', { type: 'transport', bytesReceived: self.bytesReceived }]]),
      // Signaling state changes are not simulated: nothing is ever told.
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      restartIce: () => {
        self.log.push('restartIce');
        self.iceRestarts++;
      },
      setLocalDescription: async (d: RTCSessionDescriptionInit) => {
        self.log.push(`setLocalDescription:${d.type}`);
        if (d.type === 'rollback') self.signalingState = 'stable';
      },
    } as unknown as RTCPeerConnection;
  }

  signal(data: PeerSignalData): void {
    this.signals.push(data);
  }
  addTrack(track: MediaStreamTrack, stream: MediaStream): void {
    this.log.push(`add:${track.kind}`);
    this.addedTracks.push(track);
    this.addedStreams.push(stream);
    this.senders.push(new FakeSender(track));
  }
  removeTrack(track: MediaStreamTrack): void {
    this.log.push(`remove:${track.kind}`);
    this.removedTracks.push(track);
    const sender = this.senders.find((s) => s.track === track);
    if (sender) sender.track = null;
  }
  destroy(): void {
    this.destroyed = true;
  }
  negotiate(): void {
    this.log.push('negotiate');
    this.negotiations++;
  }
  on(event: string, fn: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  /** Fires a simple-peer event. */
  fire(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

/** A PeerFactory that keeps every peer it made. */
export function fakePeerFactory() {
  const made: FakePeer[] = [];
  const factory: PeerFactory = (opts) => {
    const p = new FakePeer(opts);
    made.push(p);
    return p;
  };
  return { factory, made };
}
