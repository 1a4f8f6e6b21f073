import type { INestApplication } from '@nestjs/common';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgDriver, PgliteDriver, SqlEventStore, type SqlDriver } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createScratchDatabase, type ScratchDatabase } from '../../../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../../../libs/event-store/src/testing/test-database';
import { eventually } from '../../../../test/support/engine';
import { createApi } from '../create-api';
import { freePort } from '../../../../test/resilience/support/engine-process';

// The Kubernetes probes against real faults: /health/live answers 200 whatever the dependencies do;
// /health/ready answers 503 problem details naming what is not ready (the database refusing
// connections, a Temporal that does not answer, projections not caught up at start-up), and 200
// again once it is.
interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: any;
}

async function serve(
  store: SqlEventStore,
  driver: SqlDriver,
  projections: ProjectionRunner,
  temporal?: TemporalClient,
) {
  const app = await createApi(
    { store, readModels: driver, projections, jwtSecret: DEVELOPMENT_JWT_SECRET, temporalClient: temporal },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const get = async (path: string): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
      body: await response.json(),
    };
  };
  return { app, get };
}

describe('probes while the database refuses connections', () => {
  let database: ScratchDatabase;
  let admin: Client;
  let name: string;
  let store: SqlEventStore;
  let projections: ProjectionRunner;
  let app: INestApplication;
  let get: (path: string) => Promise<Answer>;

  beforeAll(async () => {
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_probes');
    name = new URL(database.url).pathname.slice(1);
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    const driver = await PgDriver.open(database.url);
    store = await SqlEventStore.open(driver);
    projections = new ProjectionRunner(store, driver, readModelProjections);
    await projections.start();
    ({ app, get } = await serve(store, driver, projections));
  }, 60_000);
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.close();
    await projections?.stop();
    await store?.close();
    await admin?.end();
    await database?.drop();
  });

  it('live stays 200 and ready turns 503 naming the event store, then 200 once the database is back', async () => {
    await eventually(async () => ((await get('/api/health/ready')).status === 200 ? true : undefined));
    expect(await get('/api/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });

    // Nobody may connect, and every open connection is cut: the store is down.
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

    const live = await get('/api/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await get('/api/health/ready');
    expect(ready).toMatchObject({
      status: 503,
      body: {
        type: 'urn:procurement-journey:unavailable:readiness',
        status: 503,
        code: 'health.not_ready',
        eventStore: 'down',
        reasons: expect.arrayContaining(['the event store is down']),
      },
    });
    expect(ready.type).toMatch(/^application\/problem\+json/);
    expect(ready.retryAfter).toMatch(/^\d+$/);
    expect(ready.body.detail).toContain('the event store is down');

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const back = await eventually(async () => {
      const answer = await get('/api/health/ready');
      return answer.status === 200 ? answer : undefined;
    }, 45_000);
    expect(back.body).toMatchObject({ status: 'ready', eventStore: 'up', temporal: 'not configured' });
  }, 90_000);
});

describe('probes before the projections caught up, and without Temporal', () => {
  let store: SqlEventStore;
  let projections: ProjectionRunner;
  let connection: Connection;
  let app: INestApplication;
  let get: (path: string) => Promise<Answer>;

  beforeAll(async () => {
    const driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
    projections = new ProjectionRunner(store, driver, readModelProjections);
    // A Temporal that is not there: a port nothing listens on.
    connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 1_000 });
    ({ app, get } = await serve(store, driver, projections, new TemporalClient({ connection })));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await connection?.close();
    await store?.close();
  });

  it('ready says 503 for each projection not caught up and for Temporal; live says 200', async () => {
    expect(await get('/api/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ temporal: 'down', eventStore: 'up' });
    expect(ready.body.reasons).toEqual([
      'temporal is down',
      ...readModelProjections.map((p) => `projection ${p.name} has not caught up with the log`),
    ]);

    await projections.start();
    const caughtUp = await eventually(async () => {
      const answer = await get('/api/health/ready');
      return answer.body.reasons?.length === 1 ? answer : undefined;
    });
    // Only Temporal is left: still not ready.
    expect(caughtUp).toMatchObject({ status: 503, body: { reasons: ['temporal is down'] } });

    // The operator's report says the same, as problem details keeping the report's members.
    const report = await get('/api/health');
    expect(report).toMatchObject({
      status: 503,
      body: {
        type: 'urn:procurement-journey:unavailable:health',
        status: 503,
        code: 'health.degraded',
        eventStore: 'up',
        temporal: 'down',
        processManager: { maxLag: expect.any(Number) },
        parkedEvents: [],
        reasons: ['temporal is down'],
      },
    });
    expect(report.type).toMatch(/^application\/problem\+json/);
  }, 60_000);
});
