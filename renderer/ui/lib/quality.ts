import type { QualityCause, QualityLevel, QualityProblem, QualitySample } from '../../call/api';
import { currentLocale, text } from '../../i18n/text';

/** What the quality tooltip says; every line is plain text. */
export interface QualityDetails {
  level: QualityLevel;
  lines: string[];
}

/** What is wrong and on which side, e.g. "Packet loss on your upload"; or that nothing is. */
export function causeText(cause: QualityCause, problem: QualityProblem = null): string {
  if (!cause) return text('call.qualityNoLimit');
  if (!problem) return text('call.qualityLimited', { cause: text(`call.cause.${cause}`) });
  return text(`call.problem.${problem}`, { side: text(`call.side.${cause}`) });
}

function ms(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : text('call.qualityMs', { value: Math.round(v) });
}

/** One formatter per locale: made anew per call, it was a measurable part of a call page's steady JS (the CDP profile counted 2.2-2.4 a second per page). */
let percentFormat: { locale: string; format: Intl.NumberFormat } | null = null;

function percent(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const locale = currentLocale();
  if (percentFormat?.locale !== locale) percentFormat = { locale, format: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) };
  return percentFormat.format.format(v);
}

export function qualityDetails(sample: QualitySample | null): QualityDetails {
  if (!sample) return { level: 'unknown', lines: [text('call.qualityNone')] };
  return {
    level: sample.level,
    lines: [
      text('call.qualityLoss', { value: percent(sample.lossPercent) }),
      text('call.qualityRtt', { value: ms(sample.rttMs) }),
      text('call.qualityJitter', { value: ms(sample.jitterMs) }),
      causeText(sample.cause, sample.problem),
    ],
  };
}
