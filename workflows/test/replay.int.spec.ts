import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../apps/worker/src/worker';
import { installTemporalRuntime } from '../../apps/worker/src/worker-runtime';
import { HISTORIES_DIR } from './support/workflow-test-environment';

// Recorded histories (RECORD_HISTORIES=1 npm test) replayed against today's workflow code: a change
// that would make a running workflow take a different path fails here, before it ships.
const histories = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('workflow determinism: replaying recorded histories', () => {
  beforeAll(() => installTemporalRuntime());

  it('has recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories)('replays %s without non-determinism', async (file) => {
    const history = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'));
    await expect(
      Worker.runReplayHistory({ ...workflowBundle }, history, `replay-${file.replace(/\.json$/, '')}`),
    ).resolves.toBeUndefined();
  });
});
