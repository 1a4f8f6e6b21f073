import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createScratchDatabase } from '@pj/audit/testing';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { currentSchemaVersion, grievanceStreamId, procurementCaseStreamId } from '@pj/domain';
import { PgDriver, PgliteDriver, SqlEventStore, type LogPosition, type SqlDriver } from '@pj/event-store';
import { grievanceProjection, ProjectionRunner, readModelProjections, rebuildProjection } from '@pj/projections';
import { developmentTokens } from '../auth/development-tokens';
import { createApi } from '../create-api';

// Events already in the store that a read model cannot take as they are: a NUL in a title (stored
// before the API refused it), and an event whose apply fails for good. Written straight to the
// store, as an old event would be. The read models must go on serving every organisation, and
// /health must name what was set aside. On PGlite and on the PostgreSQL server.
const ORG_A = 'stockholm-county-council';
const ORG_B = 'city-of-madison';
const now = () => new Date().toISOString();
const BROKEN = grievanceStreamId(ORG_A, 'broken');

describe.each(['pglite', 'postgres'] as const)('poisoned events on %s', (kind) => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let app: INestApplication;
  let baseUrl: string;
  let drop: (() => Promise<void>) | undefined;
  const a = developmentTokens(DEVELOPMENT_JWT_SECRET, ORG_A);
  const b = developmentTokens(DEVELOPMENT_JWT_SECRET, ORG_B);

  beforeAll(async () => {
    if (kind === 'postgres') {
      const database = await createScratchDatabase('poisoned');
      drop = database.drop;
      driver = await PgDriver.open(database.url);
    } else driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
    // Two tries, not the default four: the test waits less for the back-off.
    runner = new ProjectionRunner(store, driver, readModelProjections, { attemptsBeforeParking: 2 });
    await runner.start();
    app = await createApi(
      { store, readModels: driver, projections: runner, jwtSecret: DEVELOPMENT_JWT_SECRET },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runner?.stop();
    await store?.close();
    await drop?.();
  });

  let last: LogPosition;
  const append = async (streamId: string, type: string, data: Record<string, unknown>, org = ORG_A) => {
    const result = await store.appendToStream(
      streamId,
      [
        {
          type,
          data,
          metadata: {
            eventId: randomUUID(),
            commandId: randomUUID(),
            correlationId: 'old-conversation',
            causationId: 'old-cause',
            actor: { id: 'dev-contract-manager', role: 'contract_manager' },
            organisationId: org,
            recordedAt: now(),
            schemaVersion: currentSchemaVersion(type),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    last = result.position;
    return result;
  };
  const call = async (
    method: string,
    path: string,
    token: string,
    body?: object,
  ): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };
  const grievance = (grievanceId: string, acknowledgeBy: string) => ({
    grievanceId,
    factoryId: 'f-shenzhen-1',
    channel: 'hotline',
    anonymous: true,
    allegation: 'overtime unpaid',
    workersConcerned: 12,
    severity: 'medium',
    acknowledgeBy,
    submittedAt: now(),
  });

  it('serves every organisation past a NUL and a failing event, cleans the text, and reports what it parked', async () => {
    const poisonedCase = randomUUID();
    await append(procurementCaseStreamId(ORG_A, poisonedCase), 'CaseOpened', {
      caseId: poisonedCase,
      buyerOrganisationId: ORG_A,
      title: 'Laptops\u0000 for schools',
      productCategory: 'electro\u0000nics',
      countriesOfProduction: ['CN'],
      openedBy: 'dev-contract-manager',
      openedAt: now(),
    });
    // Genuinely unappliable: its deadline is no instant, whatever is done to its text.
    await append(BROKEN, 'GrievanceSubmitted', grievance('broken', 'not a date'));

    // Another organisation's case, through the API, after both.
    const opened = await call('POST', '/api/cases', b.contract_manager, {
      title: 'Uniforms for city workers',
      productCategory: 'apparel',
      countriesOfProduction: ['BD'],
    });
    expect(opened.status).toBe(201);
    await append(grievanceStreamId(ORG_B, 'fine'), 'GrievanceSubmitted', grievance('fine', now()), ORG_B);
    await runner.waitFor(last, 20_000);

    const other = await call('GET', `/api/cases/${opened.body.id}`, b.contract_manager);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ title: 'Uniforms for city workers' });
    const cleaned = await call('GET', `/api/cases/${poisonedCase}`, a.contract_manager);
    expect(cleaned.status).toBe(200);
    expect(cleaned.body).toMatchObject({ title: 'Laptops for schools' });
    const timeline = await call('GET', `/api/cases/${poisonedCase}/timeline`, a.contract_manager);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain('electronics');
    const grievances = await call('GET', '/api/grievances', b.compliance_officer);
    expect(grievances.body.items).toEqual([expect.objectContaining({ grievanceId: 'fine' })]);

    const health = await call('GET', '/api/health', a.auditor);
    expect(health.body.status).toBe('degraded');
    expect(health.body.parkedEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          projection: 'grievances',
          streamId: BROKEN,
          revision: 0,
          eventType: 'GrievanceSubmitted',
          error: expect.stringContaining('not a date'),
        }),
      ]),
    );
    expect(health.body.parkedEvents.map((p: { streamId: string }) => p.streamId)).not.toContain(
      procurementCaseStreamId(ORG_A, poisonedCase),
    );

    // A rebuild tries the parked event again; still unappliable, it is parked again, and the rest is rebuilt.
    await rebuildProjection(store, driver, grievanceProjection);
    expect((await runner.parked()).filter((p) => p.projection === 'grievances')).toEqual([
      expect.objectContaining({ streamId: BROKEN, revision: 0, attempts: 1 }),
    ]);
    expect((await call('GET', '/api/grievances', b.compliance_officer)).body.items).toHaveLength(1);
  }, 60_000);
});
