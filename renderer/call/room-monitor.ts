/** Periodic speaking detection and quality sampling for a room's participants. */
import { computeQuality, snapshotOf, type StatsSnapshot } from '../media/quality';
import type { LevelSource } from '../media/level-meter';
import type { LocalParticipant, RemoteParticipant } from './participant';
import { SpeakingDetector } from './speaking';

export interface MonitorSources {
  remotes(): RemoteParticipant[];
  local(): LocalParticipant;
  peerConnection(id: string): RTCPeerConnection | null;
  localLevel(): LevelSource | null;
}

/**
 * A remote participant's audio level (0..1). From its own receiver's synchronization sources when
 * the browser has them: cheap (no stats gathering) and per participant even when one SFU connection
 * carries everyone. Otherwise from getStats, the inbound-rtp of that track (or of the connection).
 */
async function inboundAudioLevel(pc: RTCPeerConnection, track: MediaStreamTrack | null): Promise<number | null> {
  const receiver = track && typeof pc.getReceivers === 'function' ? pc.getReceivers().find((r) => r.track === track) : undefined;
  if (receiver && typeof receiver.getSynchronizationSources === 'function') {
    const levels = receiver.getSynchronizationSources().map((s) => s.audioLevel ?? 0);
    return levels.length ? Math.max(...levels) : 0;
  }
  let level: number | null = null;
  (await pc.getStats()).forEach((s: { type: string; kind?: string; audioLevel?: number; trackIdentifier?: string }) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'audio' || typeof s.audioLevel !== 'number') return;
    if (!track || !s.trackIdentifier || s.trackIdentifier === track.id) level = s.audioLevel;
  });
  return level;
}

export class RoomMonitor {
  private timers: ReturnType<typeof setInterval>[] = [];
  private readonly detectors = new Map<string, SpeakingDetector>();
  private readonly lastStats = new Map<string, { pc: RTCPeerConnection; snap: StatsSnapshot }>();
  private busy = false;

  constructor(
    private readonly src: MonitorSources,
    private readonly qualityMs = 2000,
    private readonly speakingMs = 300,
  ) {}

  start(): void {
    this.stop();
    this.timers.push(setInterval(() => void this.speakingTick(), this.speakingMs));
    this.timers.push(setInterval(() => void this.qualityTick(), this.qualityMs));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.detectors.clear();
    this.lastStats.clear();
  }

  private detector(id: string): SpeakingDetector {
    let d = this.detectors.get(id);
    if (!d) this.detectors.set(id, (d = new SpeakingDetector()));
    return d;
  }

  private async speakingTick(): Promise<void> {
    if (this.busy) return; // a slow getStats must not pile up calls
    this.busy = true;
    try {
      const now = Date.now();
      const local = this.src.local();
      const meter = this.src.localLevel();
      const localLevel = meter && local.view.media.mic ? meter.level() : 0;
      local.setSpeaking(this.detector(local.id).update(localLevel, now));
      for (const p of this.src.remotes()) {
        const pc = this.src.peerConnection(p.id);
        const track = p.view.stream?.getAudioTracks()[0] ?? null;
        const level = pc && p.view.media.mic ? ((await inboundAudioLevel(pc, track).catch(() => null)) ?? 0) : 0;
        p.setSpeaking(this.detector(p.id).update(level, now));
      }
    } finally {
      this.busy = false;
    }
  }

  private async qualityTick(): Promise<void> {
    // One getStats per connection and tick: on the SFU one connection carries every participant.
    const reports = new Map<RTCPeerConnection, Promise<RTCStatsReport>>();
    for (const p of this.src.remotes()) {
      const pc = this.src.peerConnection(p.id);
      if (!pc) continue;
      try {
        if (!reports.has(pc)) reports.set(pc, pc.getStats());
        const snap = snapshotOf(await (reports.get(pc) as Promise<RTCStatsReport>));
        const last = this.lastStats.get(p.id);
        // A recreated connection starts its counters again: no delta across connections.
        const prev = last && last.pc === pc ? last.snap : null;
        this.lastStats.set(p.id, { pc, snap });
        if (this.timers.length) p.setQuality(computeQuality(prev, snap));
      } catch {
        // a connection closing under us: the next tick sees the new one
      }
    }
  }
}
