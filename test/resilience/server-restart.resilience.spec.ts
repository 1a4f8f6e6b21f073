import { connectionLossScenario } from './support/connection-loss';
import { freePort } from './support/engine-process';
import { createPrivateCluster, type PrivateCluster } from './support/postgres-cluster';

// The engine's PostgreSQL server is restarted (fast shutdown, a moment down, started again) while
// commands are being sent. The server is a private cluster, so no one else's connections suffer.
describe('the engine’s PostgreSQL server restarted under load', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = createPrivateCluster(await freePort());
  }, 60_000);
  afterAll(() => cluster?.destroy());

  connectionLossScenario({
    scenario: 'database restarted',
    databaseUrl: () => cluster.url,
    fault: async () => {
      cluster.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      cluster.start();
    },
  });
});
