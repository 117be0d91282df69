import type { QualityCause, QualityLevel, QualitySample } from '../../call/api';
import { currentLocale, text } from '../../i18n/text';

/** What the quality tooltip says; every line is plain text. */
export interface QualityDetails {
  level: QualityLevel;
  lines: string[];
}

export function causeText(cause: QualityCause): string {
  return cause ? text('call.qualityLimited', { cause: text(`call.cause.${cause}`) }) : text('call.qualityNoLimit');
}

function ms(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : text('call.qualityMs', { value: Math.round(v) });
}

function percent(v: number): string {
  return Number.isFinite(v) ? new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) : '—';
}

export function qualityDetails(sample: QualitySample | null): QualityDetails {
  if (!sample) return { level: 'unknown', lines: [text('call.qualityNone')] };
  return {
    level: sample.level,
    lines: [
      text('call.qualityLoss', { value: percent(sample.lossPercent) }),
      text('call.qualityRtt', { value: ms(sample.rttMs) }),
      text('call.qualityJitter', { value: ms(sample.jitterMs) }),
      causeText(sample.cause),
    ],
  };
}
