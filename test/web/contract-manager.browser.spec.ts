import type { Page } from 'playwright-core';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';

// The contract manager in a real browser against the real engine: sign in with a development user,
// open a case with the form (a refused field first: the reason next to it, what was typed kept),
// find it on the board. A supplier who reaches the form anyway is told which role may; a supplier
// calling an officer's endpoint from the browser gets 403 from the API, which stays the authority.
let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const CONTRACT_MANAGER = 'stockholm county council contract manager';
const SUPPLIER = 'supplier dev-supplier';

async function openCaseForm(page: Page, values: { title: string; category: string; countries: string[] }) {
  await page.getByLabel('Title').fill(values.title);
  await page.getByLabel('Product category').fill(values.category);
  for (const country of values.countries) {
    const countries = page.getByRole('combobox', { name: 'Countries of production' });
    await countries.fill(country);
    await countries.press('Enter');
  }
  await page.getByRole('button', { name: 'Open the case' }).click();
}

it('signs in as contract manager, opens a case with the form and sees it on the board', async () => {
  const page = await rig.open('/');
  // Not signed in: the app sends the visitor to the sign-in screen.
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await look(page, 'sign-in');

  await signInAs(page, CONTRACT_MANAGER);
  await look(page, 'case-board-empty');

  await page.getByRole('link', { name: 'New case' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
  await look(page, 'new-case');

  // The API refuses a two-letter title (400): the reason shows next to the field, the form keeps it.
  await openCaseForm(page, { title: 'PC', category: 'electronics', countries: ['cn'] });
  const title = page.getByLabel('Title');
  await title.and(page.locator('[aria-invalid="true"]')).waitFor();
  const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
  const fieldError = await page
    .locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('error'))}"]`)
    .innerText();
  expect(fieldError).toMatch(/title must be longer than or equal to 3 characters/);
  expect(await title.inputValue()).toBe('PC');
  expect(await page.getByLabel('Product category').inputValue()).toBe('electronics');
  await look(page, 'new-case-refused');

  await title.fill('Computers for county hospitals');
  const accepted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/cases'));
  const boardRead = page.waitForRequest((r) => r.method() === 'GET' && r.url().includes('/api/cases?'));
  await page.getByRole('button', { name: 'Open the case' }).click();

  // Read your writes: the board is read with the command's position, so it shows the new case at once.
  const { position } = await (await accepted).json();
  expect(position).toMatch(/^\d+\/\d+$/);
  expect((await boardRead).headers()['min-log-position']).toBe(position);
  await page.getByRole('heading', { level: 1, name: 'Case board' }).waitFor();
  const row = page.getByRole('row', { name: /Computers for county hospitals/ });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/Policy/);
  await look(page, 'case-board');

  // Search narrows the board; a search that matches nothing says so.
  await page.getByLabel('Search').fill('hospitals');
  await page.waitForURL(/q=hospitals/);
  await row.waitFor();
  await page.getByLabel('Search').fill('no such tender');
  await page.getByText('No case matches.').waitFor();
}, 120_000);

it('tells a supplier which role may open a case, and the API refuses an officer endpoint to its session', async () => {
  const page = await rig.open('/sign-in');
  await signInAs(page, SUPPLIER);
  // The navigation hides what a supplier cannot do...
  expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
  // ...but the API decides: reached directly, the form shows the 403 and whom to ask.
  await page.goto('/cases/new');
  await openCaseForm(page, { title: 'Monitors for schools', category: 'electronics', countries: ['MY'] });
  await page.getByText('Only a contract manager may do this; you are signed in as supplier.').waitFor();
  await look(page, 'new-case-forbidden');

  // A compliance officer's command, sent from the supplier's browser session with its token.
  const answer = await page.evaluate(async () => {
    const session = JSON.parse((globalThis as any).sessionStorage.getItem('pj.session'));
    const response = await fetch('/api/findings/f-1/breach-confirmation', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: response.status, body: await response.json() };
  });
  expect(answer).toMatchObject({
    status: 403,
    body: { code: 'access.role_not_allowed', allowedRoles: ['compliance_officer'] },
  });
}, 120_000);
