/**
 * The uplink policy's limits (./uplink-policy) on a simulcast sender: the SFU publisher's layers,
 * smallest first. Full: every layer as the publisher set it, and the browser's allocation shares
 * the estimate out. Paused: no layer. Limits with a cap (a probe from a pause; the policy has no
 * reduced level on simulcast): only the smallest layer, at the policy's size, frame rate and cap.
 * Subscribers of the larger layers get the one sent instead (Janus moves a subscriber down when
 * its layer stops arriving).
 *
 * Lean: while a topology switch runs both paths, every page encodes (and decodes) for both, on
 * top of a joiner starting up. On 2 cores with five pages that stalled every decoder for 1-2 s
 * (the sfu bench's untouched old-path tracks) and a joiner's page took 15 s to answer its first
 * offer. So meanwhile a full camera leaves out its largest simulcast layer (Janus gives its
 * viewers the next one down), and a single encoding (a mesh link) is sent at half size at most;
 * both come back when the switch is over.
 */
import type { VideoLimits } from './uplink-policy';

export type Encoding = RTCRtpEncodingParameters & { maxFramerate?: number };

/** A layer's size and ceiling as the publisher set them. */
export interface BaseLayer {
  scaleResolutionDownBy?: number;
  maxBitrate?: number;
}

/** Sets `limits` on `encodings` in place (their other fields kept); `base` is what the publisher set. */
export function limitSimulcast(encodings: Encoding[], base: readonly BaseLayer[], limits: VideoLimits, lean = false): void {
  const single = limits.active && limits.maxBitrate !== undefined;
  encodings.forEach((e, i) => {
    const b = base[i] ?? {};
    e.active = limits.active && (single ? i === 0 : !lean || i < encodings.length - 1);
    const own = single && i === 0;
    const size = own ? (limits.scaleResolutionDownBy ?? b.scaleResolutionDownBy) : b.scaleResolutionDownBy;
    const ceiling = own ? limits.maxBitrate : b.maxBitrate;
    if (size === undefined) delete e.scaleResolutionDownBy;
    else e.scaleResolutionDownBy = size;
    if (ceiling === undefined) delete e.maxBitrate;
    else e.maxBitrate = ceiling;
    if (own && limits.maxFramerate !== undefined) e.maxFramerate = limits.maxFramerate;
    else delete e.maxFramerate;
  });
}

/** A single encoding's limits while lean (see the header): at most half size. */
export function leanSingle(limits: VideoLimits): VideoLimits {
  if (!limits.active) return limits;
  return { ...limits, scaleResolutionDownBy: Math.max(limits.scaleResolutionDownBy ?? 1, 2) };
}
