import { SCC } from '../support/journey';
import { eventually } from '../support/engine';
import { expectStatus, httpClient } from '../support/http';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';

// The in-app inbox (issue 15) in a real browser: a compliance officer signs in (the directory
// records them), a monitor files a grievance over HTTP, the officer's header counts it unread, the
// inbox shows it, "Mark read" marks it; mail preferences per kind are chosen and kept.
let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

it('shows a grievance notification in the inbox, marks it read, and keeps mail preferences', async () => {
  const page = await rig.open('/sign-in');
  await signInAs(page, 'stockholm county council compliance officer');
  await page.getByRole('link', { name: 'Inbox (0 unread)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.getByText('No notifications yet.').waitFor();
  await look(page, 'inbox-empty');

  // Something happens that compliance officers are told of: a grievance at a factory.
  const http = httpClient(rig.engine);
  const tokens = rig.engine.tokens(SCC, { factories: ['f-inbox'] });
  expectStatus(
    await http.post('/api/factories', tokens.contract_manager, {
      factoryId: 'f-inbox',
      name: 'Inbox garments',
      address: 'Dhaka',
      country: 'BD',
      tier: 1,
      products: ['uniforms'],
      numberOfWorkers: 400,
    }),
    201,
  );
  expectStatus(
    await http.post('/api/grievances', tokens.monitor, {
      grievanceId: 'g-inbox-1',
      factoryId: 'f-inbox',
      channel: 'independent_monitor',
      anonymous: true,
      allegation: 'overtime unpaid',
      workersConcerned: 12,
      severity: 'medium',
      acknowledgeWithinDays: 7,
    }),
    201,
  );

  // The header counts it (it reads again on its own every 30 s; a reload reads now).
  await eventually(async () => {
    await page.reload();
    return (await page
      .getByRole('link', { name: 'Inbox (1 unread)' })
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => undefined)) as true | undefined;
  }, 60_000);
  const item = page.getByRole('listitem').filter({ hasText: 'g-inbox-1' });
  await item.getByText('Unread').waitFor();
  await look(page, 'inbox');
  await item.getByRole('button', { name: /^Mark read/ }).click();
  await page.getByRole('link', { name: 'Inbox (0 unread)' }).waitFor();
  expect(await item.getByText('Unread').count()).toBe(0);
  // The API agrees: nothing unread for this officer.
  const session = await page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('pj.session')));
  const unread = expectStatus(await http.get('/api/notifications?unread=true', session.token), 200).body;
  expect(unread.items).toEqual([]);

  // Mail preferences: grievances as a daily digest, kept by the API.
  await page.getByRole('link', { name: 'Mail preferences' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mail preferences' }).waitFor();
  const grievances = page.getByRole('row').filter({ hasText: 'Grievances' });
  await grievances.getByText('Daily digest').click();
  await eventually(async () => {
    const kept = expectStatus(await http.get('/api/notification-preferences', session.token), 200).body;
    return kept.preferences.some(
      (preference: { kind: string; delivery: string }) =>
        preference.kind === 'grievance' && preference.delivery === 'daily_digest',
    )
      ? true
      : undefined;
  }, 10_000);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Mail preferences' }).waitFor();
  expect(await grievances.getByRole('radio', { name: 'Daily digest' }).isChecked()).toBe(true);
  await look(page, 'notification-preferences');
}, 240_000);
