import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { DEFAULT_CLAIM_MAPPING, DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { openEventStore, type EventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { createApi } from '../create-api';
import type { IssuerSettings } from './bearer-tokens';
import { developmentSigningKey, startDevelopmentProvider, type DevelopmentProvider } from './development-provider';
import { developmentToken } from './development-tokens';
import { DEVELOPMENT_USERS, developmentUser } from './development-users';
import { signInThroughProvider } from './testing/provider-sign-in';
import { callerFromClaims } from './token-claims';

// The API against the real development OpenID provider (oidc-provider, in this process, on
// loopback), configured as production would be: only the issuer's access tokens, no development
// tokens. Tokens come from the provider's own authorization code flow with PKCE; the refused ones
// are signed here with the provider's own key (or none) so that each differs in one claim only.
describe('sign-in through an OpenID provider: the tokens the API accepts and refuses', () => {
  const audience = 'procurement-journey';
  const webClient = {
    clientId: 'procurement-journey-web',
    redirectUris: ['http://127.0.0.1:5999/'],
    scopes: ['openid'],
  };
  let signingKey: JWK;
  let provider: DevelopmentProvider;
  let store: EventStore;
  let projections: ProjectionRunner;
  let app: INestApplication;
  let baseUrl: string;

  const signIn = async (sub: string) =>
    (
      await signInThroughProvider(
        provider.issuer,
        { clientId: webClient.clientId, redirectUri: webClient.redirectUris[0]! },
        sub,
      )
    ).accessToken;
  const get = (path: string, token: string) =>
    fetch(`${baseUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  /** A token as the provider would sign it, with `claims` changed. */
  const forged = async (claims: Record<string, unknown>, key: JWK = signingKey) => {
    const user = developmentUser('contract_manager');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: user.role, org: user.org, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid!, typ: 'at+jwt' })
      .setSubject(user.sub)
      .setIssuer((claims.iss as string) ?? provider.issuer)
      .setAudience((claims.aud as string) ?? audience)
      .setIssuedAt(now - 60)
      .setExpirationTime((claims.exp as number) ?? now + 300)
      .sign(await importJWK(key, 'RS256'));
  };
  const refusal = async (token: string) => {
    const response = await get('/cases', token);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      challenge: response.headers.get('www-authenticate'),
      body: (await response.json()) as { type: string; title: string; code: string; detail: string },
    };
  };

  beforeAll(async () => {
    signingKey = await developmentSigningKey();
    provider = await startDevelopmentProvider({ port: 0, audience, webClient, keys: [signingKey] });
    store = await openEventStore({ kind: 'pglite' });
    const readModels = (store as unknown as { driver: never }).driver;
    projections = new ProjectionRunner(store, readModels, readModelProjections);
    await projections.start();
    const identity: IssuerSettings = {
      issuer: provider.issuer,
      audience,
      claims: DEFAULT_CLAIM_MAPPING,
      clockToleranceSeconds: 30,
      // Every unknown key id fetches the provider's keys again: the rotation below is seen at once.
      jwksCooldownSeconds: 0,
      webClient,
    };
    app = await createApi({ store, readModels, projections, identity }, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await store?.close();
    await provider?.stop();
  });

  it('accepts the access tokens the provider issues to every seeded user, in their role', async () => {
    expect(new Set(DEVELOPMENT_USERS.map((user) => `${user.org} ${user.role}`)).size).toBe(10);
    for (const user of DEVELOPMENT_USERS) {
      const token = await signIn(user.sub);
      // The caller the API derives carries who the person is, for the directory of people.
      expect(callerFromClaims(decodeJwt(token), DEFAULT_CLAIM_MAPPING)).toMatchObject({
        id: user.sub,
        role: user.role,
        organisationId: user.org,
        name: user.name,
        email: user.email,
        locale: user.locale,
      });
      // Readers and suppliers list cases; a monitor lists its factories; nobody else may.
      const path = user.role === 'monitor' ? '/factories' : '/cases';
      expect(`${user.sub} ${(await get(path, token)).status}`).toBe(`${user.sub} 200`);
      expect(
        `${user.sub} ${(await get(user.role === 'monitor' ? '/cases' : '/audit/confidential-reads', token)).status}`,
      ).toBe(`${user.sub} ${user.role === 'auditor' ? 200 : 403}`);
    }
  });

  it('renews a session: the access token a refresh token buys is accepted too', async () => {
    const signedIn = await signInThroughProvider(
      provider.issuer,
      { clientId: webClient.clientId, redirectUri: webClient.redirectUris[0]! },
      'madison-auditor',
    );
    expect(signedIn.refreshToken).toBeDefined();
    const renewed = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:5999' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: signedIn.refreshToken!,
        client_id: webClient.clientId,
      }).toString(),
    });
    expect(renewed.status).toBe(200);
    // The browser may read the answer: the web app's origin is allowed (CORS).
    expect(renewed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5999');
    const { access_token: accessToken } = (await renewed.json()) as { access_token: string };
    expect(accessToken).not.toBe(signedIn.accessToken);
    expect((await get('/audit/confidential-reads', accessToken)).status).toBe(200);
  });

  it('tells the web app who the caller is, read through the claim mapping (GET /auth/caller)', async () => {
    const supplier = developmentUser('supplier', 'city-of-madison');
    const answer = await get('/auth/caller', await signIn(supplier.sub));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      id: supplier.sub,
      role: 'supplier',
      organisationId: 'city-of-madison',
      supplierId: 'dell',
      name: supplier.name,
    });
    // A provider with other claim names (Keycloak's realm roles): the answer is the same shape.
    const keycloakish = await createApi(
      {
        store,
        readModels: (store as unknown as { driver: never }).driver,
        projections,
        identity: {
          issuer: provider.issuer,
          audience,
          claims: { ...DEFAULT_CLAIM_MAPPING, role: 'realm_access.roles', organisation: 'tenant.id' },
          clockToleranceSeconds: 30,
          jwksCooldownSeconds: 0,
          webClient,
        },
      },
      { logger: false },
    );
    await keycloakish.listen(0, '127.0.0.1');
    try {
      const token = await forged({
        realm_access: { roles: ['offline_access', 'auditor'] },
        tenant: { id: 'city-of-madison' },
      });
      const other = await fetch(`${(await keycloakish.getUrl()).replace('[::1]', '127.0.0.1')}/api/auth/caller`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await other.json()).toMatchObject({ role: 'auditor', organisationId: 'city-of-madison' });
    } finally {
      await keycloakish.close();
    }
    expect((await fetch(`${baseUrl}/api/auth/caller`)).status).toBe(401);
  });

  it('answers the sign-in settings the web app needs, without a token', async () => {
    const response = await fetch(`${baseUrl}/api/auth/config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      issuer: provider.issuer,
      clientId: 'procurement-journey-web',
      scopes: ['openid'],
      audience,
      redirectUris: ['http://127.0.0.1:5999/'],
    });
  });

  it.each([
    ['the audience is another API’s', 'auth.wrong_audience', () => forged({ aud: 'another-api' })],
    ['another issuer issued it', 'auth.wrong_issuer', () => forged({ iss: 'https://login.elsewhere.example/realm' })],
    [
      'it has expired (beyond the clock skew)',
      'auth.token_expired',
      () => forged({ exp: Math.floor(Date.now() / 1000) - 45 }),
    ],
    [
      'its key id is not one the provider publishes',
      'auth.unknown_key',
      async () => forged({}, await developmentSigningKey()),
    ],
    [
      'its algorithm is "none"',
      'auth.token_unsigned',
      async () =>
        new UnsecuredJWT({ role: 'contract_manager', org: 'stockholm-county-council' })
          .setSubject('stockholm-contract-manager')
          .setIssuer(provider.issuer)
          .setAudience(audience)
          .setExpirationTime('5m')
          .encode(),
    ],
    [
      'it is a development token (production accepts none)',
      'auth.algorithm_not_allowed',
      async () => developmentToken(DEVELOPMENT_JWT_SECRET, 'contract_manager'),
    ],
  ])('refuses a token when %s: 401 with a problem saying so', async (_, code, token) => {
    const answer = await refusal(await token());
    expect(answer).toMatchObject({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: { type: `urn:procurement-journey:unauthenticated:${code}`, title: 'Not authenticated', code },
    });
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.detail.length).toBeGreaterThan(10);
  });

  it('allows a small clock skew: a token that expired seconds ago still passes', async () => {
    expect((await get('/cases', await forged({ exp: Math.floor(Date.now() / 1000) - 5 }))).status).toBe(200);
  });

  it('refuses a token without one, with the Bearer challenge', async () => {
    const response = await fetch(`${baseUrl}/api/cases`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ code: 'auth.token_missing' });
  });

  it('picks up a key rotation at the provider without a restart', async () => {
    const before = await signIn('stockholm-compliance-officer');
    expect((await get('/cases', before)).status).toBe(200);
    expect(decodeProtectedHeader(before).kid).toBe(signingKey.kid);

    await provider.rotateKeys();
    const after = await signIn('stockholm-compliance-officer');
    expect(decodeProtectedHeader(after).kid).not.toBe(signingKey.kid);
    expect((await get('/cases', after)).status).toBe(200);
    // The previous key stays published for the tokens already out.
    expect((await get('/cases', before)).status).toBe(200);
  });
});

describe('an unreachable identity provider', () => {
  it('answers 503 (the token is not at fault) and recovers once the provider is back', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const readModels = (store as unknown as { driver: never }).driver;
    const projections = new ProjectionRunner(store, readModels, readModelProjections);
    await projections.start();
    const key = await developmentSigningKey();
    // The port is known, nothing listens on it yet.
    const probe = await startDevelopmentProvider({
      port: 0,
      audience: 'a',
      webClient: { clientId: 'w', redirectUris: ['http://127.0.0.1:5999/'] },
    });
    const issuer = probe.issuer;
    await probe.stop();
    const app = await createApi(
      {
        store,
        readModels,
        projections,
        identity: {
          issuer,
          audience: 'a',
          claims: DEFAULT_CLAIM_MAPPING,
          clockToleranceSeconds: 30,
          jwksCooldownSeconds: 0,
          webClient: { clientId: 'w', scopes: ['openid'], redirectUris: ['http://127.0.0.1:5999/'] },
        },
      },
      { logger: false },
    );
    let provider: DevelopmentProvider | undefined;
    try {
      await app.listen(0, '127.0.0.1');
      const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/cases`;
      const token = await new SignJWT({ role: 'auditor', org: 'stockholm-county-council' })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid! })
        .setSubject('stockholm-auditor')
        .setIssuer(issuer)
        .setAudience('a')
        .setExpirationTime('5m')
        .sign(await importJWK(key, 'RS256'));
      const down = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ code: 'auth.issuer_unreachable' });

      provider = await startDevelopmentProvider({
        port: Number(new URL(issuer).port),
        audience: 'a',
        webClient: { clientId: 'w', redirectUris: ['http://127.0.0.1:5999/'] },
        keys: [key],
      });
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await app.close();
      await provider?.stop();
      await projections.stop();
      await store.close();
    }
  });
});

describe('production', () => {
  it('refuses to start without an issuer', () => {
    const root = join(__dirname, '../../../..');
    const run = spawnSync(process.execPath, ['scripts/from-source.js', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: '/tmp/pj-oidc-production', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('configuration: OIDC_ISSUER is required when NODE_ENV=production');
  }, 60_000);
});
