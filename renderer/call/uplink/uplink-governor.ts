/**
 * Applies the uplink policy (./uplink-policy) to the camera sender of each connection that carries
 * it, once a second, and says when the camera is paused on every one of them (the uplink itself is
 * too weak: everyone is told, `videoPaused`). A screen share's sender is left to the browser (its
 * degradation preference keeps resolution and drops frame rate).
 */
import { leanSingle, limitSimulcast, type BaseLayer } from './simulcast-limits';
import { UplinkPolicy, type UplinkLevel, type VideoLimits } from './uplink-policy';

export interface UplinkSources {
  /** The live connections that send our media. */
  connections(): RTCPeerConnection[];
  /** The camera track being sent (null: camera off). */
  cameraTrack(): MediaStreamTrack | null;
  /** The camera is paused on every connection (true), or sends again on one (false). */
  onPaused(paused: boolean): void;
  /** A topology switch runs both paths: the camera goes out lean on each meanwhile (./simulcast-limits). */
  lean?(): boolean;
}

/**
 * How long the far side may send nothing (no media, RTCP or STUN on the selected pair) before the
 * path counts as gone rather than weak: the estimate of a dead path falls by itself (a 10 s cut
 * took it from 450 to 60 kbit/s), and judging it paused the camera just as the link came back, so
 * video waited for the next probe (5.9 s back after a 10 s cut in the bench's network section).
 */
export const SILENT_PATH_MS = 1500;

export interface UplinkReading {
  availableBps: number | null;
  lossFraction: number | null;
  /** Whether the camera's encoder says bandwidth limits it (any of its layers); null when it says nothing. */
  bandwidthLimited: boolean | null;
  silentMs: number | null;
}

type Stat = {
  type: string;
  id: string;
  timestamp?: number;
  kind?: string;
  trackIdentifier?: string;
  mediaSourceId?: string;
  localId?: string;
  selectedCandidatePairId?: string;
  qualityLimitationReason?: string;
  availableOutgoingBitrate?: number;
  lastPacketReceivedTimestamp?: number;
  nominated?: boolean;
  state?: string;
  fractionLost?: number;
};

/**
 * One getStats(): the connection's estimate, how long the far side has been silent, and for the
 * camera (`cameraId`; a screen share on the same connection is not counted) the far side's loss
 * and what limits its encoder.
 */
export async function readUplink(pc: RTCPeerConnection, cameraId: string): Promise<UplinkReading> {
  const out: UplinkReading = { availableBps: null, lossFraction: null, bandwidthLimited: null, silentMs: null };
  const stats: Stat[] = [];
  (await pc.getStats()).forEach((s: Stat) => void stats.push(s));
  const pairId = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId)?.selectedCandidatePairId;
  const sources = new Set(stats.filter((s) => s.type === 'media-source' && s.trackIdentifier === cameraId).map((s) => s.id));
  const camera = stats.filter((s) => s.type === 'outbound-rtp' && s.mediaSourceId !== undefined && sources.has(s.mediaSourceId));
  const cameraIds = new Set(camera.map((s) => s.id));
  for (const s of camera) if (s.qualityLimitationReason) out.bandwidthLimited = out.bandwidthLimited === true || s.qualityLimitationReason === 'bandwidth';
  for (const s of stats) {
    const selected = pairId ? s.id === pairId : s.nominated && s.state === 'succeeded';
    if (s.type === 'candidate-pair' && selected) {
      if (typeof s.availableOutgoingBitrate === 'number') out.availableBps = s.availableOutgoingBitrate;
      if (typeof s.lastPacketReceivedTimestamp === 'number' && typeof s.timestamp === 'number') out.silentMs = Math.max(0, s.timestamp - s.lastPacketReceivedTimestamp);
    }
    if (s.type === 'remote-inbound-rtp' && s.localId !== undefined && cameraIds.has(s.localId) && typeof s.fractionLost === 'number') out.lossFraction = Math.max(out.lossFraction ?? 0, s.fractionLost);
  }
  return out;
}

/** Whether the sender sends simulcast layers (the SFU publisher's camera). */
const simulcast = (sender: RTCRtpSender): boolean => (sender.getParameters().encodings?.length ?? 0) > 1;

/** Each simulcast sender's layers as the publisher set them, read before the policy first changes them. */
const baseLayers = new WeakMap<RTCRtpSender, BaseLayer[]>();

/**
 * Sets `limits` on the sender, keeping everything else it has (priority, degradation preference).
 * One encoding: its activity, cap, scale and frame rate. Simulcast (the SFU publisher): ./simulcast-limits.
 */
export async function applyLimits(sender: RTCRtpSender, limits: VideoLimits, lean = false): Promise<void> {
  const params = sender.getParameters();
  const encodings = (params.encodings ?? []) as (RTCRtpEncodingParameters & Record<string, unknown>)[];
  if (encodings.length === 0) return;
  if (encodings.length > 1) {
    let base = baseLayers.get(sender);
    if (!base) baseLayers.set(sender, (base = encodings.map((e) => ({ scaleResolutionDownBy: e.scaleResolutionDownBy, maxBitrate: e.maxBitrate }))));
    limitSimulcast(encodings, base, limits, lean);
  } else {
    const e = encodings[0];
    const own = lean ? leanSingle(limits) : limits;
    e.active = own.active;
    for (const key of ['maxBitrate', 'scaleResolutionDownBy', 'maxFramerate'] as const) {
      if (own[key] === undefined) delete e[key];
      else e[key] = own[key];
    }
  }
  await sender.setParameters(params);
}

/** A reading in a log line: "estimate 310 kbit/s, loss 0 %". */
function measured(why: string, s: UplinkReading): string {
  const kbps = s.availableBps === null ? '-' : Math.round(s.availableBps / 1000);
  return `${why} ${kbps} kbit/s, loss ${s.lossFraction === null ? '-' : Math.round(s.lossFraction * 100)} %`;
}

export class UplinkGovernor {
  private readonly policies = new WeakMap<RTCPeerConnection, UplinkPolicy>();
  /** Connections seen not connected, or with their far side silent (SILENT_PATH_MS), and not back since. */
  private readonly lost = new WeakSet<RTCPeerConnection>();
  /**
   * The connections of the last round. One that was not among them (a warm SFU path taken into
   * use again, which sends as the publisher set it) starts over with a new policy, as a new one.
   */
  private last = new Set<RTCPeerConnection>();
  /** Whether each connection's camera was last set lean (see UplinkSources.lean). */
  private readonly leanSet = new WeakMap<RTCPeerConnection, boolean>();
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

  /**
   * Sets each connection's camera lean, or as before, when a switch began or ended since it was
   * last set (UplinkSources.lean). No measuring: a round of getStats over every connection took
   * seconds on a loaded page, so the lean came 4-12 s into a switch.
   */
  async leanNow(): Promise<void> {
    const camera = this.src.cameraTrack();
    const lean = this.src.lean?.() ?? false;
    for (const pc of this.src.connections()) {
      const sender = camera ? pc.getSenders().find((s) => s.track === camera) : undefined;
      if (!sender || (this.leanSet.get(pc) ?? false) === lean) continue;
      const policy = this.last.has(pc) ? this.policies.get(pc) : undefined;
      await this.apply(pc, sender, policy?.level ?? 'full', policy?.limits() ?? { active: true }, lean ? 'a switch runs both paths' : 'the switch is over');
    }
  }

  /** One round over the connections (exposed for tests). */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.leanNow();
      const camera = this.src.cameraTrack();
      const levels: UplinkLevel[] = [];
      const now = new Set(this.src.connections());
      for (const pc of now) if (!this.last.has(pc)) this.policies.delete(pc);
      this.last = now;
      for (const pc of now) {
        const sender = camera ? pc.getSenders().find((s) => s.track === camera) : undefined;
        if (!sender || !camera) continue;
        // Not connected (ICE lost the path, or not there yet): gone, not weak, as a silent path below.
        if (pc.connectionState !== 'connected') {
          this.lost.add(pc);
          continue;
        }
        const sample = await readUplink(pc, camera.id).catch((): UplinkReading => ({ availableBps: null, lossFraction: null, bandwidthLimited: null, silentMs: null }));
        let policy = this.policies.get(pc);
        // A gone path is not judged (see SILENT_PATH_MS); once it answers again it is judged afresh,
        // like a new connection: the camera as captured, then the policy after its start-up grace.
        if ((sample.silentMs ?? 0) > SILENT_PATH_MS) {
          this.lost.add(pc);
          levels.push(policy?.level ?? 'full');
          continue;
        }
        // (Both read: a connection lost before it had a policy must leave `lost` now, not next round.)
        const wasLost = this.lost.delete(pc);
        if (!policy || wasLost) {
          const was = policy?.level ?? 'full';
          // Simulcast (the SFU publisher): the browser drops layers itself as its estimate falls.
          this.policies.set(pc, (policy = new UplinkPolicy({ simulcast: simulcast(sender) })));
          if (was !== 'full') await this.apply(pc, sender, policy.level, policy.limits(), measured('path back, estimate', sample));
        }
        if (policy.sample({ at: this.now(), ...sample })) await this.apply(pc, sender, policy.level, policy.limits(), measured('estimate', sample));
        levels.push(policy.level);
      }
      // Paused (or probing from a pause) on every connection that carries the camera.
      this.report(levels.length > 0 && levels.every((l) => l === 'paused' || l === 'probing'));
    } finally {
      this.busy = false;
    }
  }

  private async apply(pc: RTCPeerConnection, sender: RTCRtpSender, level: UplinkLevel, limits: VideoLimits, why: string): Promise<void> {
    // Read again after the awaits: a path retired meanwhile (an SFU path held idle as the warm one)
    // must not be turned back on (a warm path that kept sending failed a bench cycle's mesh check).
    if (!this.src.connections().includes(pc)) {
      this.policies.delete(pc);
      this.last.delete(pc);
      return;
    }
    const lean = this.src.lean?.() ?? false;
    this.leanSet.set(pc, lean);
    const where = simulcast(sender) ? ' on the SFU' : '';
    console.info(`uplink: camera${where} ${level}${lean ? ', lean' : ''} (${why}): ${JSON.stringify(limits)}`);
    await applyLimits(sender, limits, lean).catch((e: unknown) => console.warn('uplink limits not applied', e));
  }

  private report(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.src.onPaused(paused);
  }
}
