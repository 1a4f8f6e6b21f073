import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { openEventStore, type EventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from '../create-api';
import { developmentTokens } from './development-tokens';

// The real API on a real (in-memory PGlite) store: which bearer tokens open it. A token must be
// signed with the key, say who (sub), for which buyer (org), in which role, and when it expires.
describe('authentication: bearer tokens the API refuses', () => {
  let store: EventStore;
  let app: INestApplication;
  let projections: ProjectionRunner;
  let baseUrl: string;
  const sign = (claims: object, options: object = {}) =>
    new JwtService({ secret: DEVELOPMENT_JWT_SECRET }).sign(claims, options);
  const base = { sub: 'anna', role: 'contract_manager', org: 'stockholm-county-council' };
  const status = async (token: string) =>
    (await fetch(`${baseUrl}/api/cases`, { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    const readModels = (store as unknown as { driver: never }).driver;
    projections = new ProjectionRunner(store, readModels, readModelProjections);
    await projections.start();
    app = await createApi({ store, readModels, projections, jwtSecret: DEVELOPMENT_JWT_SECRET }, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await store?.close();
  });

  it('accepts a complete token that expires', async () => {
    expect(await status(developmentTokens(DEVELOPMENT_JWT_SECRET).contract_manager)).toBe(200);
    expect(await status(sign(base, { expiresIn: '5m' }))).toBe(200);
  });

  it('refuses a token without exp', async () => {
    expect(await status(sign(base))).toBe(401);
  });

  it('refuses an empty sub or org', async () => {
    expect(await status(sign({ ...base, sub: '' }, { expiresIn: '5m' }))).toBe(401);
    expect(await status(sign({ ...base, org: '' }, { expiresIn: '5m' }))).toBe(401);
    expect(await status(sign({ ...base, org: '   ' }, { expiresIn: '5m' }))).toBe(401);
  });

  it('refuses another key and another algorithm', async () => {
    const other = new JwtService({ secret: 'another-secret-of-at-least-32-bytes!!' }).sign(base, { expiresIn: '5m' });
    expect(await status(other)).toBe(401);
    expect(await status(sign(base, { expiresIn: '5m', algorithm: 'HS512' }))).toBe(401);
  });
});
