import type { Target } from './targets';

/** What one section of `npm run bench` hands back to the runner: its figures and whether it failed. */
export interface SectionResult {
  /** Written under the section's name into results/latest.json. */
  result: unknown;
  /** True when a measurement could not be taken (a failed trial, a product that did not start). */
  failed: boolean;
  /** The section's targets with their verdicts (limits from the section's targets.ts). */
  targets: Target[];
}

export interface Section {
  name: string;
  /** One line for `npm run bench -- --list`. */
  what: string;
  run(): Promise<SectionResult>;
}
