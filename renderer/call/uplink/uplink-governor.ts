/**
 * Applies the uplink policy (./uplink-policy) to the camera sender of each connection that carries
 * it, once a second, and says when the camera is paused on every one of them (the uplink itself is
 * too weak: everyone is told, `videoPaused`). A screen share's sender is left to the browser (its
 * degradation preference keeps resolution and drops frame rate).
 */
import { UplinkPolicy, type UplinkLevel, type VideoLimits } from './uplink-policy';

export interface UplinkSources {
  /** The live connections that send our media. */
  connections(): RTCPeerConnection[];
  /** The camera track being sent (null: camera off). */
  cameraTrack(): MediaStreamTrack | null;
  /** The camera is paused on every connection (true), or sends again on one (false). */
  onPaused(paused: boolean): void;
}

/** The connection's estimate and the far side's loss on our video, from one getStats(). */
export async function readUplink(pc: RTCPeerConnection): Promise<{ availableBps: number | null; lossFraction: number | null }> {
  let availableBps: number | null = null;
  let lossFraction: number | null = null;
  let pairId: string | undefined;
  const report = await pc.getStats();
  report.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  report.forEach((s: { type: string; id: string; kind?: string; availableOutgoingBitrate?: number; nominated?: boolean; state?: string; fractionLost?: number }) => {
    const selected = pairId ? s.id === pairId : s.nominated && s.state === 'succeeded';
    if (s.type === 'candidate-pair' && selected && typeof s.availableOutgoingBitrate === 'number') availableBps = s.availableOutgoingBitrate;
    if (s.type === 'remote-inbound-rtp' && s.kind === 'video' && typeof s.fractionLost === 'number') lossFraction = Math.max(lossFraction ?? 0, s.fractionLost);
  });
  return { availableBps, lossFraction };
}

/**
 * Sets `limits` on the sender, keeping everything else it has (priority, degradation preference).
 * One encoding: its activity, cap, scale and frame rate. Simulcast (the SFU publisher): the
 * browser's own allocation already drops the larger layers when the estimate falls, so a reduced
 * level changes nothing there; paused turns every layer off, and a probe sends the smallest only.
 */
export async function applyLimits(sender: RTCRtpSender, limits: VideoLimits): Promise<void> {
  const params = sender.getParameters();
  const encodings = (params.encodings ?? []) as (RTCRtpEncodingParameters & Record<string, unknown>)[];
  if (encodings.length === 0) return;
  if (encodings.length > 1) {
    const probe = (limits.scaleResolutionDownBy ?? 1) >= 4;
    const smallest = Math.max(...encodings.map((e) => e.scaleResolutionDownBy ?? 1));
    for (const e of encodings) {
      e.active = limits.active && (!probe || (e.scaleResolutionDownBy ?? 1) >= smallest);
      if (probe && limits.maxFramerate !== undefined) e.maxFramerate = limits.maxFramerate;
      else delete e.maxFramerate;
    }
  } else {
    const e = encodings[0] as RTCRtpEncodingParameters & Record<string, unknown>;
    e.active = limits.active;
    for (const key of ['maxBitrate', 'scaleResolutionDownBy', 'maxFramerate'] as const) {
      if (limits[key] === undefined) delete e[key];
      else e[key] = limits[key];
    }
  }
  await sender.setParameters(params);
}

export class UplinkGovernor {
  private readonly policies = new WeakMap<RTCPeerConnection, UplinkPolicy>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private paused = false;
  private busy = false;

  constructor(
    private readonly src: UplinkSources,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.report(false);
  }

  /** One round over the connections (exposed for tests). */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const camera = this.src.cameraTrack();
      const levels: UplinkLevel[] = [];
      for (const pc of this.src.connections()) {
        const sender = camera && pc.connectionState === 'connected' ? pc.getSenders().find((s) => s.track === camera) : undefined;
        if (!sender) continue;
        let policy = this.policies.get(pc);
        if (!policy) this.policies.set(pc, (policy = new UplinkPolicy()));
        const limits = policy.sample({ at: this.now(), ...(await readUplink(pc).catch(() => ({ availableBps: null, lossFraction: null }))) });
        if (limits) await applyLimits(sender, limits).catch((e: unknown) => console.warn('uplink limits not applied', e));
        levels.push(policy.level);
      }
      // Paused (or probing from a pause) on every connection that carries the camera.
      this.report(levels.length > 0 && levels.every((l) => l === 'paused' || l === 'probing'));
    } finally {
      this.busy = false;
    }
  }

  private report(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.src.onPaused(paused);
  }
}
