import type { INestApplication } from '@nestjs/common';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '@pj/config';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from '../create-api';
import { DEVELOPMENT_USERS } from './development-users';

// Development sign-in: a token for a listed development user, accepted by the API as that user;
// an unknown user is a 400 on the field; and where development sign-in is off (production), the
// endpoints do not exist.
let driver: PgliteDriver;
let store: SqlEventStore;
let projections: ProjectionRunner;
const apps: INestApplication[] = [];

async function serve(developmentSignIn: boolean): Promise<string> {
  const app = await createApi(
    { store, readModels: driver, projections, jwtSecret: DEVELOPMENT_JWT_SECRET, developmentSignIn },
    { logger: false },
  );
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await SqlEventStore.open(driver);
  projections = new ProjectionRunner(store, driver, readModelProjections);
  await projections.start();
}, 60_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  await projections?.stop();
  await store?.close();
});

it('is on outside production only', () => {
  expect(loadConfig({}).developmentSignIn).toBe(true);
  expect(loadConfig({ NODE_ENV: 'test' }).developmentSignIn).toBe(true);
  expect(
    loadConfig({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://id.example.org/realms/buyers',
      OIDC_AUDIENCE: 'procurement-journey',
    }).developmentSignIn,
  ).toBe(false);
});

it('lists each buyer role of two organisations, a supplier and a monitor, and signs in as one', async () => {
  const base = await serve(true);
  const users = (await (await fetch(`${base}/api/development/users`)).json()) as any[];
  expect(users.map((user) => `${user.organisationId} ${user.role}`)).toEqual(
    expect.arrayContaining([
      'stockholm-county-council contract_manager',
      'stockholm-county-council compliance_officer',
      'stockholm-county-council auditor',
      'city-of-madison contract_manager',
      'city-of-madison compliance_officer',
      'city-of-madison auditor',
      'stockholm-county-council supplier',
      'stockholm-county-council monitor',
    ]),
  );

  const madison = DEVELOPMENT_USERS.find((user) => user.id === 'city-of-madison.contract_manager')!;
  const signedIn = await post(`${base}/api/development/sign-in`, { userId: madison.id });
  expect(signedIn.status).toBe(200);
  const { token, user } = (await signedIn.json()) as any;
  expect(user).toMatchObject({ role: 'contract_manager', organisationId: 'city-of-madison' });
  // The token is that user's: the API accepts it, with that role and organisation.
  const board = await fetch(`${base}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
  expect(board.status).toBe(200);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  expect(claims).toMatchObject({ role: 'contract_manager', org: 'city-of-madison' });

  const unknown = await post(`${base}/api/development/sign-in`, { userId: 'root' });
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as any).errors).toEqual([expect.objectContaining({ field: 'userId' })]);
});

it('does not exist when development sign-in is off', async () => {
  const base = await serve(false);
  expect((await fetch(`${base}/api/development/users`)).status).toBe(404);
  expect((await post(`${base}/api/development/sign-in`, { userId: DEVELOPMENT_USERS[0].id })).status).toBe(404);
});
