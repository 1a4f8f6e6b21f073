import type { Page } from 'playwright-core';
import { ROLES } from '../../apps/api/src/auth/roles';
import { developmentUser } from '../../apps/api/src/auth/development-users';
import { developmentUserNamed, look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';

// Sign-in through the engine's development OpenID provider, as in production but for the issuer
// address: the authorization code flow with PKCE for each role's seeded user, the session renewed
// with the refresh token, and sign-out at the provider (the next sign-in asks who you are again).
let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const stored = (page: Page) =>
  page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('pj.session') ?? 'null'));

it('resolves the names the first browser specs used to seeded users', () => {
  expect(developmentUserNamed('stockholm county council contract manager').sub).toBe('stockholm-contract-manager');
  expect(developmentUserNamed('city of madison auditor').sub).toBe('madison-auditor');
  expect(developmentUserNamed('supplier dev-supplier').role).toBe('supplier');
  expect(developmentUserNamed('Priya Raman').sub).toBe('madison-compliance-officer');
  expect(() => developmentUserNamed('root')).toThrow('no development user');
});

it('signs in each role at the provider, renews the session, and signs out there', async () => {
  const page = await rig.open('/');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
  // The provider's own page, on its own origin, lists the seeded users.
  await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
  expect(new URL(page.url()).origin).toBe(new URL(rig.engine.identity.issuer).origin);
  await look(page, 'provider-sign-in');
  await page.getByRole('button', { name: 'Anna Lindqvist', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Case board' }).waitFor();
  await page.getByText('contract manager · stockholm-county-council').waitFor();

  // Every role, in the second buyer too: the API takes each session's token as that user.
  for (const org of ['stockholm-county-council', 'city-of-madison'])
    for (const role of ROLES) {
      const user = developmentUser(role, org);
      await signInAs(page, user.sub);
      const session = await stored(page);
      expect(session.user).toMatchObject({ id: user.sub, role, organisationId: org });
      const cases = await page.evaluate(
        async (token) => (await fetch('/api/cases', { headers: { authorization: `Bearer ${token}` } })).status,
        session.token as string,
      );
      expect(cases).toBe(role === 'monitor' ? 403 : 200);
    }

  // Renewal: the access token about to expire, the next request first renews it with the refresh token.
  await signInAs(page, 'Erik Sandberg');
  const before = await stored(page);
  expect(before.refreshToken).toEqual(expect.any(String));
  await page.evaluate(() => {
    const storage = (globalThis as any).sessionStorage;
    const session = JSON.parse(storage.getItem('pj.session'));
    storage.setItem('pj.session', JSON.stringify({ ...session, expiresAt: Date.now() + 1000 }));
  });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Case board' }).waitFor();
  await page.waitForFunction(
    (old) => JSON.parse((globalThis as any).sessionStorage.getItem('pj.session')).token !== old,
    before.token as string,
  );
  const after = await stored(page);
  expect(after.refreshToken).not.toBe(before.refreshToken);
  expect(after.expiresAt).toBeGreaterThan(Date.now() + 60_000);
  expect(after.user).toMatchObject({ id: 'stockholm-compliance-officer', role: 'compliance_officer' });

  // Sign-out: through the provider's end-session page, back to the app, signed out at both ends.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign out of the development provider?' }).waitFor();
  await look(page, 'provider-sign-out');
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  expect(await stored(page)).toBeNull();
  // The provider forgot the person: signing in again asks who you are (cookies kept this time).
  await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
  // The refresh token of the ended session no longer renews.
  const renewed = await fetch(
    ((await (await fetch(`${rig.engine.identity.issuer}/.well-known/openid-configuration`)).json()) as any)
      .token_endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: after.refreshToken,
        client_id: rig.engine.identity.webClient.clientId,
      }).toString(),
    },
  );
  expect(renewed.status).toBe(400);
}, 240_000);
