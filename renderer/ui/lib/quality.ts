import type { QualityCause, QualityLevel, QualitySample } from '../../call/api';

/** What the quality tooltip says; every line is plain text. */
export interface QualityDetails {
  level: QualityLevel;
  lines: string[];
}

const CAUSE_LABEL: Record<Exclude<QualityCause, null>, string> = {
  upload: 'upload',
  download: 'download',
  cpu: 'CPU',
  network: 'network',
};

export function causeText(cause: QualityCause): string {
  return cause ? `Limited by: ${CAUSE_LABEL[cause]}` : 'No limitation detected';
}

function ms(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : `${Math.round(v)} ms`;
}

export function qualityDetails(sample: QualitySample | null): QualityDetails {
  if (!sample) return { level: 'unknown', lines: ['No measurements yet'] };
  return {
    level: sample.level,
    lines: [
      `Packet loss: ${Number.isFinite(sample.lossPercent) ? sample.lossPercent.toFixed(1) : '—'}%`,
      `Round-trip time: ${ms(sample.rttMs)}`,
      `Jitter: ${ms(sample.jitterMs)}`,
      causeText(sample.cause),
    ],
  };
}
