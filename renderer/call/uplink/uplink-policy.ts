/**
 * What the camera may send on one connection, from what the connection measures once a second
 * (the browser's bandwidth estimate, `availableOutgoingBitrate`, and the loss the far side
 * reports). Three levels with hysteresis, so video does not flap:
 *
 * - full: the camera as captured, the browser's own congestion control decides;
 * - reduced: at most 15 fps at half the resolution, and a bitrate cap that follows the estimate
 *   (left for the audio first) - on a capped link the estimate then grows again by itself when
 *   the link does, because video keeps using what it is given. (A cap a little over a loss-free
 *   estimate was tried: on the bench's 300 kbit/s SFU link it filled the queue, and Bo concealed
 *   19.8 % of Ana's audio, against 0 % under the estimate; tbf queues rather than drops, so "no
 *   loss" did not mean room);
 * - paused: below what video needs, video stops and the audio keeps the link. Every few seconds a
 *   short probe (the reduced picture, capped at what video needs) checks whether the link came back.
 *
 * A low estimate alone is not a weak link: the browser never estimates much above what it sends
 * (about 1.5 times), so a camera whose picture is cheap to code (someone sitting still) has a low
 * estimate on any link. Such a camera was reduced, and never came back to full, as it could not
 * send enough to prove the link. So a low estimate reduces the camera only while the encoder says
 * bandwidth is what limits it (`qualityLimitationReason`), and a reduced camera goes back to full
 * also when its encoder is not held back any more. An estimate that fell, though, is a weak link
 * whatever the encoder says: the browser lowers its estimate only on delay growing or loss, never
 * for a sender that needs little, and its encoder may not call itself held back for seconds (a
 * 150 kbit/s link took the estimate from 3.4 Mbit/s to 110 kbit/s within 2 s, and the encoder
 * still said nothing limited it: the camera paused only 7-8 s after the cap). So an estimate
 * under FALL_RATIO of its highest in the last FALL_MEMORY_MS counts as low whatever the encoder
 * says, and a camera reduced meanwhile goes back to full only on an estimate that shows the room.
 * Not on simulcast (the SFU publisher, `simulcast: true`): there the browser drops layers by
 * itself as its estimate falls, and the network bench's SFU call sent 211 kbit/s on a 1 Mbit/s
 * link (55 on 300 kbit/s) when falls were judged there too, against 497 (119) the run before, on a
 * looser token bucket, and 412 (142) the run after: its estimate dips each time its downlink,
 * shared with four feeds, queues the feedback.
 *
 * Nor is there a reduced level on simulcast: the browser already shares its estimate over the
 * layers, starting a larger one only when the estimate covers it, and the policy only pauses video
 * below what it needs (and probes). Reducing to one layer made the camera flap: on the network
 * bench's 300 kbit/s SFU link it went reduced at an estimate of 205 kbit/s, back to full 3 s later
 * (its encoder not held back), the layers coming back took the estimate to 57 kbit/s within 2 s,
 * and the camera paused; the probes then could not move an estimate the browser does not update
 * while video is off, and the call used 0.62 of the link, against 0.89 for the browser alone in the
 * same run (12-06; 0.57-0.70 in earlier runs, 0.29 in a published one).
 *
 * An estimate that climbs is not a weak link either, however low it is: the browser raises its
 * estimate only while nothing queues or drops, so the link has room for more. That is the estimate
 * after a link cut (the cut's losses took it to a few tens of kbit/s, and it climbs back a few
 * tens of percent a second) and during a probe from a pause. Judged on its number, it paused the
 * camera 5 s after a 10 s cut on the SFU, and the 2 s probes, cut short while it still climbed
 * (21 to 30 kbit/s in one), kept it paused for 30 s (network bench, 12-05). So an estimate that
 * rose by CLIMB_RATIO within the last CLIMB_WINDOW_MS, without loss, is neither weak nor poor.
 * Not enough alone: in the next run the estimate stopped climbing at 100 kbit/s after the 10 s
 * cut, fell to 80, and the camera paused again; a probe after a cut that can lift it is still to do.
 *
 * A return to full that fails (reduced again within UPGRADE_FAILS_WITHIN_MS) makes the next one
 * wait twice as long, up to UPGRADE_WAIT_MAX; full held for UPGRADE_STABLE_MS forgets the
 * failures. Without it a camera on a loaded machine flapped between full and reduced every 2-4 s
 * (the estimate fell each time the full picture came back, and the reduced picture was not held
 * back): on the SFU each flap moved every viewer between layers, a frozen tile each time.
 *
 * Pure: times come in with each sample, so tests need no clock.
 */

/** What audio keeps before video gets anything, bps (Opus voice with FEC, headers). */
export const AUDIO_RESERVE_BPS = 48_000;
/** Video budget under which video pauses (two samples in a row), bps. */
export const PAUSE_BELOW_BPS = 60_000;
/**
 * Poor samples in a row that pause a simulcast camera (a single encoding: two). A cap's first
 * seconds overflow its queue, the far side reports heavy loss and the estimate drops to a few tens
 * of kbit/s; the browser answers by itself, dropping layers, and its estimate climbs back while video
 * still sends. Paused after two such samples on the network bench's 300 kbit/s SFU link (estimate
 * 82 kbit/s, loss 50 %), the camera sent nothing the estimate could climb on, and its probes failed.
 */
export const SIMULCAST_POOR_SAMPLES = 4;
/** Video budget under which the camera is reduced (two samples in a row), bps. */
export const REDUCE_BELOW_BPS = 450_000;
/** Video budget over which the camera goes back to full (three samples in a row, more after failed returns), bps. */
export const FULL_ABOVE_BPS = 700_000;
/** A reduce this soon after a return to full counts as a failed return, ms. */
export const UPGRADE_FAILS_WITHIN_MS = 15_000;
/** Good samples in a row a return to full waits for, first and after UPGRADE_STABLE_MS at full. */
export const UPGRADE_WAIT_MIN = 3;
/** Good samples in a row the most backed-off return to full waits for. */
export const UPGRADE_WAIT_MAX = 48;
/** Full this long: earlier failed returns are forgotten, ms. */
export const UPGRADE_STABLE_MS = 30_000;
/** An estimate under this share of its highest in the last FALL_MEMORY_MS has fallen (the link got weaker). */
export const FALL_RATIO = 0.5;
/** How long the highest estimate is remembered for judging a fall, ms. */
export const FALL_MEMORY_MS = 60_000;
/** An estimate at least this many times the one about CLIMB_WINDOW_MS before is climbing (the link has room). */
export const CLIMB_RATIO = 1.1;
/** How far back a climb is read: the estimate between CLIMB_WINDOW_MS and 1.5 times that ago, ms. */
export const CLIMB_WINDOW_MS = 2000;
/** Loss the far side reports (fraction) that counts as a poor sample, whatever the estimate. */
export const LOSS_POOR = 0.15;
/** Paused: first probe after this, ms; each failed probe waits longer, up to PROBE_EVERY_MAX_MS. */
export const PROBE_AFTER_MS = 3000;
export const PROBE_EVERY_MAX_MS = 6000;
/** How long a probe sends before it is judged, ms. */
export const PROBE_MS = 2000;
/**
 * Samples in the first seconds are not judged: a new connection's estimate starts low (about
 * 300 kbit/s in Chromium) and ramps up with its first probes; reducing it then would be wrong.
 * An estimate that fell (FALL_RATIO) is judged all the same: a ramp-up only rises.
 */
export const GRACE_MS = 4000;

/** The picture of a reduced camera, and of a probe from a pause: half the size, at most 15 fps. */
const REDUCED_PICTURE = { scaleResolutionDownBy: 2, maxFramerate: 15 } as const;

export type UplinkLevel = 'full' | 'reduced' | 'paused' | 'probing';

/** The camera sender's encoding as the policy wants it (undefined fields: the browser's default). */
export interface VideoLimits {
  active: boolean;
  maxBitrate?: number;
  scaleResolutionDownBy?: number;
  maxFramerate?: number;
}

export interface UplinkSample {
  at: number;
  /** The browser's estimate for the whole connection, bps; null when it has none yet. */
  availableBps: number | null;
  /** Loss reported by the far side for our video, 0..1; null when unknown. */
  lossFraction: number | null;
  /** Whether the camera's encoder reports bandwidth as what limits it; null when unknown (then the estimate alone counts). */
  bandwidthLimited?: boolean | null;
}

export interface UplinkPolicyOptions {
  /**
   * A simulcast sender (the SFU publisher), whose layers the browser allocates itself: a fallen
   * estimate is not judged and there is no reduced level, only full, paused and probing (see above).
   * Default false.
   */
  simulcast?: boolean;
}

export class UplinkPolicy {
  private readonly simulcast: boolean;
  /** Poor samples in a row that pause the camera (SIMULCAST_POOR_SAMPLES on simulcast). */
  private readonly poorToPause: number;
  private current: UplinkLevel = 'full';
  private poorRun = 0;
  private weakRun = 0;
  private goodRun = 0;
  private until = 0;
  private wait = PROBE_AFTER_MS;
  private budget: number | null = null;
  /** The estimate when the current probe began. */
  private probeFrom: number | null = null;
  /** An estimate value not to judge on (a probe left it unmoved), until the estimate changes. */
  private stale: number | null = null;
  private firstAt: number | null = null;
  /** Good samples in a row a return to full needs (doubled by each failed return). */
  private upgradeWait = UPGRADE_WAIT_MIN;
  /** When the camera last went back to full (null: it has not, or that was long ago). */
  private fullSince: number | null = null;
  /** The estimates of the last FALL_MEMORY_MS (one a second): a fall is judged against their highest, a climb against one CLIMB_WINDOW_MS old. */
  private recent: { bps: number; at: number }[] = [];

  constructor(opts: UplinkPolicyOptions = {}) {
    this.simulcast = opts.simulcast ?? false;
    this.poorToPause = this.simulcast ? SIMULCAST_POOR_SAMPLES : 2;
  }

  get level(): UplinkLevel {
    return this.current;
  }

  /** Takes one sample; returns the limits to apply when they changed, else null. */
  sample(s: UplinkSample): VideoLimits | null {
    this.firstAt ??= s.at;
    // An estimate still at the value a probe could not move is no reading (see `stale`).
    if (this.stale !== null && s.availableBps !== this.stale) this.stale = null;
    const fresh = this.stale === null ? s.availableBps : null;
    // Forget what is older than the memory first: a fall is judged against the last FALL_MEMORY_MS only.
    this.recent = this.recent.filter((r) => s.at - r.at <= FALL_MEMORY_MS);
    const fallen = !this.simulcast && fresh !== null && this.fell(fresh);
    const climbing = fresh !== null && this.climbing(s.at, fresh);
    if (fresh !== null) this.recent.push({ bps: fresh, at: s.at });
    // A ramp-up only rises: an estimate that fell is judged even in the grace.
    if (s.at - this.firstAt < GRACE_MS && !fallen) return null;
    const before = this.limits();
    const budget = fresh === null ? null : fresh - AUDIO_RESERVE_BPS;
    const lossy = (s.lossFraction ?? 0) > LOSS_POOR;
    // A low estimate that climbs without loss is a link with room, not a weak one (see above).
    const low = budget !== null && !(climbing && (s.lossFraction ?? 0) === 0);
    const poor = (low && budget < PAUSE_BELOW_BPS) || lossy;
    const limited = s.bandwidthLimited ?? null;
    const weak = poor || (low && budget < REDUCE_BELOW_BPS && (limited !== false || fallen));
    const good = !weak && budget !== null && (budget > FULL_ABOVE_BPS || (limited === false && !fallen));
    this.poorRun = poor ? this.poorRun + 1 : 0;
    this.weakRun = weak ? this.weakRun + 1 : 0;
    this.goodRun = good ? this.goodRun + 1 : 0;
    switch (this.current) {
      case 'full':
        if (this.fullSince !== null && s.at - this.fullSince >= UPGRADE_STABLE_MS) {
          this.upgradeWait = UPGRADE_WAIT_MIN;
          this.fullSince = null;
        }
        // Simulcast: the browser drops layers on a weak link itself; only a poor one pauses, and later.
        if (this.simulcast ? this.poorRun >= this.poorToPause : this.weakRun >= 2) {
          if (this.fullSince !== null && s.at - this.fullSince < UPGRADE_FAILS_WITHIN_MS) this.upgradeWait = Math.min(UPGRADE_WAIT_MAX, this.upgradeWait * 2);
          this.fullSince = null;
          this.current = this.poorRun >= this.poorToPause ? this.pause(s.at) : 'reduced';
        }
        break;
      case 'reduced':
        if (this.poorRun >= this.poorToPause) this.current = this.pause(s.at);
        else if (this.goodRun >= this.upgradeWait) {
          this.current = 'full';
          this.fullSince = s.at;
        }
        break;
      case 'paused':
        if (s.at >= this.until) {
          this.current = 'probing';
          this.until = s.at + PROBE_MS;
          this.probeFrom = s.availableBps;
        }
        break;
      case 'probing':
        if (s.at < this.until) break;
        if (poor && !lossy && s.availableBps !== null && s.availableBps === this.probeFrom) {
          // The estimate did not move at all: the browser had no feedback to estimate from (on the
          // SFU it gets none while video is off), so the probe says nothing. Send reduced and judge
          // once the estimate moves, instead of pausing on a number the link never produced.
          this.stale = s.availableBps;
          this.poorRun = this.weakRun = 0;
          this.current = this.resumed();
        } else if (poor) {
          this.wait = Math.min(PROBE_EVERY_MAX_MS, this.wait * 2);
          this.current = this.pause(s.at, this.wait);
        } else {
          this.wait = PROBE_AFTER_MS;
          this.current = this.resumed();
        }
        break;
    }
    this.budget = budget;
    const after = this.limits();
    return JSON.stringify(after) === JSON.stringify(before) ? null : after;
  }

  /** The limits of the current level (the reduced cap follows the latest budget, in 10 kbps steps). */
  limits(): VideoLimits {
    switch (this.current) {
      case 'full':
        return { active: true };
      case 'reduced': {
        const cap = Math.max(PAUSE_BELOW_BPS, Math.round(((this.budget ?? REDUCE_BELOW_BPS) * 0.9) / 10_000) * 10_000);
        // Up to the level that returns to full: what video sends is what lets the estimate grow back.
        return { active: true, maxBitrate: Math.min(cap, FULL_ABOVE_BPS), ...REDUCED_PICTURE };
      }
      case 'probing':
        // The reduced camera's size and rate, capped at the least video needs. The probe was a
        // quarter of the size at 10 fps: it sent so little over the audio that the estimate (which
        // the browser keeps under about 1.5 times what it sends) could not climb on it, and every
        // probe failed. Measured: an SFU uplink capped at 300 kbit/s (no cap on the downlink) stayed
        // paused at an estimate of 79-85 kbit/s, a probe moving it from 83 to 85 (network bench,
        // tuned, 12-06); with this probe, on the uplink e2e's 150 kbit/s cap one probe took it from
        // 103 to 140 kbit/s and the camera went on reduced.
        return { active: true, maxBitrate: PAUSE_BELOW_BPS, ...REDUCED_PICTURE };
      case 'paused':
        return { active: false };
    }
  }

  /** Whether `bps` is under FALL_RATIO of the highest estimate of the last FALL_MEMORY_MS. */
  private fell(bps: number): boolean {
    const highest = Math.max(0, ...this.recent.map((r) => r.bps));
    return bps < highest * FALL_RATIO;
  }

  /** Whether `bps` is at least CLIMB_RATIO times the estimate of about CLIMB_WINDOW_MS before (the latest one that old). */
  private climbing(at: number, bps: number): boolean {
    const before = this.recent.filter((r) => at - r.at >= CLIMB_WINDOW_MS && at - r.at <= CLIMB_WINDOW_MS * 1.5).at(-1);
    return before !== undefined && bps >= before.bps * CLIMB_RATIO;
  }

  /** Where a probe that went through leaves the camera: reduced, or on simulcast (no reduced level) full. */
  private resumed(): UplinkLevel {
    return this.simulcast ? 'full' : 'reduced';
  }

  private pause(at: number, wait = PROBE_AFTER_MS): UplinkLevel {
    this.until = at + wait;
    return 'paused';
  }
}
