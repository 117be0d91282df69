/**
 * axe-core in a test page: the WCAG 2.1 A and AA rules, run on the whole document as it is shown.
 * axe is evaluated through the DevTools protocol (as page.evaluate does), so the app's CSP, which
 * allows only its own scripts, stays on.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let source: string | undefined;

/** The violations of the WCAG 2.1 A/AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(source);
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations.map(({ id, impact, help, helpUrl, nodes }) => ({ id, impact, help, helpUrl, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }))),
    [...WCAG21_AA_TAGS],
  );
}

/** Each violation as id, impact, help and every target, for an assertion message. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = violations.flatMap((v) => [
    `${where}: ${v.id} (${v.impact ?? 'no impact'}): ${v.help} <${v.helpUrl}>`,
    ...v.nodes.map((n) => `    ${JSON.stringify(n.target)}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
  ]);
  return lines.join('\n');
}
