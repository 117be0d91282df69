/**
 * A bench target and its verdict. Sections judge their figures with `judge` against limits kept
 * in one place per section (its targets.ts); the runner prints every verdict in one table,
 * stores them with the figures, and `--check` fails on any target not met or not measured.
 */
import { table } from './stats';

export type Op = '<' | '<=' | '>=';

export interface Target {
  /** The section that measured it (set by the runner). */
  section?: string;
  what: string;
  value: number | null;
  unit: string;
  op: Op;
  limit: number;
  /** null: not measured, which a check counts as failed (a target nobody measured is not met). */
  met: boolean | null;
  /** Why a value that looks fine still fails, or where a figure came from. */
  note?: string;
}

const holds = (value: number, op: Op, limit: number): boolean => (op === '<' ? value < limit : op === '<=' ? value <= limit : value >= limit);

/** `value op limit`; `valid: false` fails it whatever the value (e.g. some tiles were never read), with `note` saying why. */
export function judge(what: string, value: number | null, op: Op, limit: number, unit = '', opts: { valid?: boolean; note?: string } = {}): Target {
  const met = value === null ? null : opts.valid === false ? false : holds(value, op, limit);
  return { what, value, unit, op, limit, met, ...(opts.note ? { note: opts.note } : {}) };
}

export const verdict = (t: Pick<Target, 'met'>): string => (t.met === null ? 'NOT MEASURED' : t.met ? 'met' : 'MISSED');

/** The one table `npm run bench` ends with. */
export function targetTable(targets: Target[]): string {
  return table(
    ['section', 'target', 'value', 'limit', 'verdict'],
    targets.map((t) => [t.section ?? '', t.what + (t.note ? ` (${t.note})` : ''), t.value === null ? null : `${t.value}${t.unit ? ` ${t.unit}` : ''}`, `${t.op} ${t.limit}${t.unit ? ` ${t.unit}` : ''}`, verdict(t)]),
  );
}

/** Targets a check fails on: missed or not measured. */
export const unmet = (targets: Target[]): Target[] => targets.filter((t) => t.met !== true);
