import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What one resilience scenario measured. Every scenario reports the same figures, so a reader
 * compares runs at a glance; `extra` holds what only that scenario knows (streams opened, say).
 */
export interface ResilienceFigures {
  readonly acknowledged: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly serverErrors: number;
  /** From the fault until /health answered ok again; undefined where nothing had to recover. */
  readonly recoveryMs?: number;
  readonly extra?: Readonly<Record<string, number | string>>;
}

/** Where the figures of a run are collected; `.ci/run` prints this file after the tests. */
export const FIGURES_FILE =
  process.env.RESILIENCE_FIGURES_FILE ?? join(__dirname, '..', '..', '..', '.ci', 'resilience-figures.txt');

/** Prints one scenario's figures (past Jest's console buffering) and appends them to the run's file. */
export function reportFigures(scenario: string, figures: ResilienceFigures): void {
  const parts = [
    `acknowledged=${figures.acknowledged}`,
    `lost=${figures.lost}`,
    `duplicated=${figures.duplicated}`,
    `5xx=${figures.serverErrors}`,
    `recovery=${figures.recoveryMs === undefined ? 'n/a' : `${figures.recoveryMs}ms`}`,
    ...Object.entries(figures.extra ?? {}).map(([name, value]) => `${name}=${value}`),
  ];
  const line = `[resilience] ${scenario}: ${parts.join(' ')}\n`;
  process.stdout.write(line);
  appendFileSync(FIGURES_FILE, line);
}
