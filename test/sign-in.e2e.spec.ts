import { startDevelopmentProvider, type DevelopmentProvider } from '../apps/api/src/auth/development-provider';
import { signInThroughProvider } from '../apps/api/src/auth/testing/provider-sign-in';
import { body, startTestEngine, type TestEngine } from './support/engine';

// The engine configured with an organisation's identity provider (OIDC_ISSUER): it runs no
// provider of its own, tells the web app where to sign in, and accepts that provider's tokens.
// The organisation's provider is played by another development provider on loopback.
describe('sign-in through the configured identity provider', () => {
  const redirectUri = 'http://127.0.0.1:5999/';
  let organisationProvider: DevelopmentProvider;
  let engine: TestEngine;

  beforeAll(async () => {
    organisationProvider = await startDevelopmentProvider({
      port: 0,
      audience: 'api://procurement',
      webClient: { clientId: 'procurement-web', redirectUris: [redirectUri] },
    });
    engine = await startTestEngine({
      OIDC_ISSUER: organisationProvider.issuer,
      OIDC_AUDIENCE: 'api://procurement',
      OIDC_WEB_CLIENT_ID: 'procurement-web',
      OIDC_WEB_REDIRECT_URIS: redirectUri,
    });
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await organisationProvider?.stop();
  }, 60_000);

  it('runs no development provider of its own and points the web app at the configured one', async () => {
    expect(engine.developmentProvider).toBeUndefined();
    expect(engine.identity.issuer).toBe(organisationProvider.issuer);
    expect(await body(await fetch(`${engine.baseUrl}/api/auth/config`))).toMatchObject({
      issuer: organisationProvider.issuer,
      clientId: 'procurement-web',
      audience: 'api://procurement',
      redirectUris: [redirectUri],
    });
  });

  it("accepts the configured provider's access tokens, in the signed-in person's role and organisation", async () => {
    const signIn = async (sub: string) =>
      (await signInThroughProvider(organisationProvider.issuer, { clientId: 'procurement-web', redirectUri }, sub))
        .accessToken;
    const manager = await signIn('madison-contract-manager');
    const opened = await fetch(`${engine.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Uniforms', productCategory: 'textiles', countriesOfProduction: ['BD'] }),
    });
    expect(opened.status).toBe(201);
    const { id, position } = await body(opened);
    // The same buyer's auditor reads it (once the read model has it); another buyer's answers 404,
    // as for a missing case.
    const read = (token: string) =>
      fetch(`${engine.baseUrl}/api/cases/${id}`, {
        headers: { authorization: `Bearer ${token}`, 'min-log-position': position },
      });
    expect((await read(await signIn('madison-auditor'))).status).toBe(200);
    expect((await read(await signIn('stockholm-auditor'))).status).toBe(404);
    // A development token is still accepted outside production; the engine's issuer is the configured one.
    expect((await read(engine.tokens('city-of-madison').auditor)).status).toBe(200);
  });
});
