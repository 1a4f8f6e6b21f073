import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from '../../apps/api/src/create-api';

// The web app's API client is typed from the OpenAPI document (apps/web/src/api/schema.d.ts,
// committed). This regenerates it from what the running API serves, with the same script as
// `npm run web:api-types`, and fails when the committed file differs: an API change without new
// client types fails CI. UPDATE_API_TYPES=1 writes the file instead.
const committed = join(__dirname, '../../apps/web/src/api/schema.d.ts');

let app: INestApplication;
let store: SqlEventStore;
let projections: ProjectionRunner;
let baseUrl: string;
const scratch = mkdtempSync(join(tmpdir(), 'pj-api-types-'));

beforeAll(async () => {
  const driver = await PgliteDriver.open();
  store = await SqlEventStore.open(driver);
  projections = new ProjectionRunner(store, driver, readModelProjections);
  await projections.start();
  // As `npm start` serves it outside production: development sign-in included.
  app = await createApi(
    { store, readModels: driver, projections, jwtSecret: DEVELOPMENT_JWT_SECRET },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await projections?.stop();
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('has committed client types equal to those generated from the document the API serves', async () => {
  const generated = join(scratch, 'schema.d.ts');
  // Asynchronously: the script fetches from the API this process serves.
  await promisify(execFile)(process.execPath, [
    join(__dirname, '../../scripts/web-api-types.js'),
    `${baseUrl}/api/docs-json`,
    generated,
  ]);
  const fresh = readFileSync(generated, 'utf8');
  if (process.env.UPDATE_API_TYPES === '1') writeFileSync(committed, fresh);
  expect(fresh).toContain('"/cases": {');
  // On failure: `npm run web:api-types` against a running engine, or UPDATE_API_TYPES=1 on this spec.
  expect(readFileSync(committed, 'utf8')).toBe(fresh);
}, 60_000);
