/**
 * Connection quality from getStats(). PURE: works on plain snapshots so tests feed fixtures.
 * Thresholds: loss > 2% fair, > 10% poor; RTT > 300 ms poor; jitter > 30 ms fair; worst wins.
 */
import type { QualityCause, QualityLevel, QualityProblem, QualitySample } from '../call/api';

/** One entry of an RTCStatsReport, as a plain object. */
export interface StatsEntry {
  id: string;
  type: string;
  [key: string]: unknown;
}
export type StatsSnapshot = readonly StatsEntry[];

export const Thresholds = { lossFair: 2, lossPoor: 10, rttPoor: 300, jitterFair: 30 } as const;

/** Copies an RTCStatsReport into a plain snapshot (browser only). */
export function snapshotOf(report: RTCStatsReport): StatsSnapshot {
  const out: StatsEntry[] = [];
  report.forEach((s: StatsEntry) => out.push({ ...s }));
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const byType = (s: StatsSnapshot, type: string) => s.filter((e) => e.type === type);

/** Inbound loss % over the interval, worst of audio/video; null when no packets moved. */
export function inboundLossPercent(prev: StatsSnapshot | null, curr: StatsSnapshot): number | null {
  let worst: number | null = null;
  for (const e of byType(curr, 'inbound-rtp')) {
    const before = prev?.find((p) => p.id === e.id);
    let lost = (num(e.packetsLost) ?? 0) - (num(before?.packetsLost) ?? 0);
    let recv = (num(e.packetsReceived) ?? 0) - (num(before?.packetsReceived) ?? 0);
    // Counters restart when a peer connection is recreated: fall back to the totals.
    if (lost < 0 || recv < 0) {
      lost = num(e.packetsLost) ?? 0;
      recv = num(e.packetsReceived) ?? 0;
    }
    const total = lost + recv;
    if (total <= 0) continue;
    const pct = (Math.max(0, lost) / total) * 100;
    worst = worst === null ? pct : Math.max(worst, pct);
  }
  return worst;
}

/** Outbound loss % as the remote reports it (remote-inbound-rtp fractionLost), worst kind. */
export function outboundLossPercent(curr: StatsSnapshot): number | null {
  const values = byType(curr, 'remote-inbound-rtp')
    .map((e) => num(e.fractionLost))
    .filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) * 100 : null;
}

/** RTT in ms: the selected candidate pair, else remote-inbound-rtp. */
export function rttMs(curr: StatsSnapshot): number | null {
  const selectedId = byType(curr, 'transport').map((t) => t.selectedCandidatePairId).find(Boolean);
  const pair =
    curr.find((e) => e.type === 'candidate-pair' && e.id === selectedId) ??
    curr.find((e) => e.type === 'candidate-pair' && e.nominated === true && e.state === 'succeeded');
  const pairRtt = num(pair?.currentRoundTripTime);
  if (pairRtt !== null) return pairRtt * 1000;
  const remote = byType(curr, 'remote-inbound-rtp')
    .map((e) => num(e.roundTripTime))
    .filter((v): v is number => v !== null);
  return remote.length ? Math.max(...remote) * 1000 : null;
}

/** Inbound jitter in ms, worst kind. */
export function jitterMs(curr: StatsSnapshot): number | null {
  const values = byType(curr, 'inbound-rtp')
    .map((e) => num(e.jitter))
    .filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) * 1000 : null;
}

const LIMITATION_RANK: Record<string, number> = { none: 0, other: 1, bandwidth: 2, cpu: 3 };

/** The most severe outbound `qualityLimitationReason`, 'none' when nothing is sent. */
export function limitationOf(curr: StatsSnapshot): string {
  let worst = 'none';
  for (const e of byType(curr, 'outbound-rtp')) {
    const r = typeof e.qualityLimitationReason === 'string' ? e.qualityLimitationReason : 'none';
    if ((LIMITATION_RANK[r] ?? 1) > (LIMITATION_RANK[worst] ?? 1)) worst = r;
  }
  return worst;
}

interface Finding {
  level: QualityLevel;
  cause: Exclude<QualityCause, null>;
  problem: Exclude<QualityProblem, null>;
  reason: string;
}

const RANK: Record<QualityLevel, number> = { unknown: -1, good: 0, fair: 1, poor: 2 };
const fmt = (v: number) => v.toFixed(1);

function lossFinding(pct: number | null, cause: 'upload' | 'download', label: string): Finding | null {
  if (pct === null) return null;
  if (pct > Thresholds.lossPoor) return { level: 'poor', cause, problem: 'loss', reason: `${label} ${fmt(pct)}% > ${Thresholds.lossPoor}%` };
  if (pct > Thresholds.lossFair) return { level: 'fair', cause, problem: 'loss', reason: `${label} ${fmt(pct)}% > ${Thresholds.lossFair}%` };
  return null;
}

/** Computes one quality sample from two consecutive snapshots (`prev` null for the first). */
export function computeQuality(prev: StatsSnapshot | null, curr: StatsSnapshot): QualitySample {
  const inLoss = inboundLossPercent(prev, curr);
  const outLoss = outboundLossPercent(curr);
  const rtt = rttMs(curr);
  const jitter = jitterMs(curr);
  const limitation = limitationOf(curr);
  const base = { lossPercent: inLoss ?? 0, rttMs: rtt, jitterMs: jitter, limitation };
  if (inLoss === null && outLoss === null && rtt === null && jitter === null) {
    return { ...base, level: 'unknown', cause: null, problem: null, reasons: [] };
  }
  // Order matters: among findings of the same level, the first one names the cause.
  const candidates: (Finding | null)[] = [
    lossFinding(outLoss, 'upload', 'upload packet loss'),
    lossFinding(inLoss, 'download', 'packet loss'),
    rtt !== null && rtt > Thresholds.rttPoor
      ? { level: 'poor', cause: 'network', problem: 'delay', reason: `round-trip time ${Math.round(rtt)} ms > ${Thresholds.rttPoor} ms` }
      : null,
    jitter !== null && jitter > Thresholds.jitterFair
      ? { level: 'fair', cause: 'download', problem: 'jitter', reason: `jitter ${Math.round(jitter)} ms > ${Thresholds.jitterFair} ms` }
      : null,
  ];
  const findings = candidates.filter((f): f is Finding => f !== null);
  if (findings.length === 0) return { ...base, level: 'good', cause: null, problem: null, reasons: [] };

  const worst = findings.reduce((a, b) => (RANK[b.level] > RANK[a.level] ? b : a));
  let cause: QualityCause = worst.cause;
  let problem: QualityProblem = worst.problem;
  const reasons = findings.map((f) => f.reason);
  // The encoder knows best why it holds back: trust its limitation reason over our guess.
  if (limitation === 'cpu') [cause, problem] = ['cpu', 'cpu'];
  else if (limitation === 'bandwidth') [cause, problem] = ['upload', worst.problem === 'loss' ? 'loss' : 'bandwidth'];
  if (limitation === 'cpu' || limitation === 'bandwidth') reasons.push(`sending limited by ${limitation}`);
  return { ...base, level: worst.level, cause, problem, reasons };
}
