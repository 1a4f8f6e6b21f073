import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from './create-api';

// The engine serves the web app from its own port: the built files, index.html for the app's own
// routes, never anything of the API's (/api stays the API's, problem details included); and
// without a build, a line saying how to make one.
let store: SqlEventStore;
let projections: ProjectionRunner;
let driver: PgliteDriver;
const apps: INestApplication[] = [];
const build = mkdtempSync(join(tmpdir(), 'pj-web-'));

async function serve(webAppDirectory: string): Promise<string> {
  const app = await createApi(
    { store, readModels: driver, projections, jwtSecret: DEVELOPMENT_JWT_SECRET },
    { logger: false, webAppDirectory },
  );
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await SqlEventStore.open(driver);
  projections = new ProjectionRunner(store, driver, readModelProjections);
  await projections.start();
  mkdirSync(join(build, 'assets'));
  writeFileSync(join(build, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(build, 'assets', 'index-abc123.js'), 'console.log(1)');
}, 60_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  await projections?.stop();
  await store?.close();
  rmSync(build, { recursive: true, force: true });
});

it('serves the build at /, index.html for client routes, and leaves /api to the API', async () => {
  const base = await serve(build);
  for (const path of ['/', '/cases/new', '/sign-in']) {
    const page = await fetch(`${base}${path}`);
    expect({ path, status: page.status, body: await page.text() }).toEqual({
      path,
      status: 200,
      body: '<!doctype html><div id="root"></div>',
    });
  }
  const asset = await fetch(`${base}/assets/index-abc123.js`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toContain('immutable');
  expect(await asset.text()).toBe('console.log(1)');

  const unknownApiRoute = await fetch(`${base}/api/no-such-thing`);
  expect(unknownApiRoute.status).toBe(404);
  expect(unknownApiRoute.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
});

it('says how to build the app when there is no build', async () => {
  const base = await serve(join(build, 'missing'));
  const answer = await fetch(`${base}/`);
  expect(answer.status).toBe(404);
  expect(await answer.text()).toContain('npm run build:web');
  expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
});
