import type { Page } from 'playwright-core';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';
import { expectStatus, httpClient, inSeconds, type HttpClient } from '../support/http';
import { FACTORIES, SCC, tenderBid } from '../support/journey';

// The contract manager takes a case from policy to a signed contract on the case page, in a real
// browser against the real engine, worker and Temporal. What belongs to others goes over HTTP:
// the suppliers' bids, a colleague's decision while a form is open. The page follows the case by
// Server-Sent Events: bidding closing at the deadline and the standstill ending (both the
// workflows' doing) show without a reload.
let rig: BrowserRig;
let http: HttpClient;
beforeAll(async () => {
  rig = await startBrowserRig();
  http = httpClient(rig.engine);
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const CONTRACT_MANAGER = 'stockholm county council contract manager';

const section = (page: Page, name: string) => page.getByRole('region', { name });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

it('takes a case from policy to a signed contract, live, with a conflict offered for reload', async () => {
  const tokens = rig.engine.tokens(SCC, { factories: FACTORIES });
  const cm = tokens.contract_manager;
  const title = 'Laptops for county schools';
  const opened = expectStatus(
    await http.post('/api/cases', cm, { title, productCategory: 'electronics', countriesOfProduction: ['CN'] }),
    201,
  );
  const caseId: string = opened.body.id;
  for (const factoryId of FACTORIES)
    await http.post('/api/factories', cm, {
      factoryId,
      name: `Shenzhen assembly ${factoryId}`,
      address: 'Longhua, Shenzhen',
      country: 'CN',
      tier: 1,
      products: ['laptops'],
      numberOfWorkers: 4000,
    });

  const page = await rig.open('/sign-in');
  await signInAs(page, CONTRACT_MANAGER);
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  // Marks this document: were the page reloaded, the mark would be gone.
  await page.evaluate(() => ((globalThis as any).__sameDocument = true));
  await page
    .getByRole('status')
    .filter({ hasText: /^Live$/ })
    .waitFor();
  await page.getByText(/risk (low|medium|high)/).waitFor();
  await look(page, 'case-policy');

  // Policy: a refused field first (no standard named), then adopted.
  await page.getByLabel('Policy reference').fill('scc-code-of-conduct-2012');
  await page.getByRole('button', { name: 'Adopt the policy' }).click();
  await page
    .getByRole('combobox', { name: 'Code of conduct standards' })
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor();
  expect(await page.getByLabel('Policy reference').inputValue()).toBe('scc-code-of-conduct-2012');
  for (const standard of ['ILO C138', 'ILO C182']) {
    const standards = page.getByRole('combobox', { name: 'Code of conduct standards' });
    await standards.fill(standard);
    await standards.press('Enter');
  }
  await page.getByRole('button', { name: 'Adopt the policy' }).click();

  // Tender: a short bid deadline and a standstill in seconds, so the real workflows act within the test.
  await heading(page, 'Publish the tender').waitFor();
  await page.getByText('Next: Publish the tender requirements').waitFor();
  // A nested field refused (400 `awardCriteria.1.weight`): the reason lands next to that input.
  await page.getByLabel('Criterion 2 weight').fill('');
  await page.getByRole('button', { name: 'Publish the tender' }).click();
  await page.getByLabel('Criterion 2 weight').and(page.locator('[aria-invalid="true"]')).waitFor();
  expect(await page.getByLabel('Criterion 1 weight').getAttribute('aria-invalid')).not.toBe('true');
  await page.getByLabel('Criterion 2 weight').fill('40');
  await page.getByLabel('Tender reference').fill('SCC-IT-2026-07');
  await page.getByLabel('Bid deadline').fill(inSeconds(20));
  await page.getByLabel('Standstill after electronic notice').fill('30');
  await choose(page, 'Standstill unit', 'seconds');
  await look(page, 'case-tender');
  await page.getByRole('button', { name: 'Publish the tender' }).click();

  // Bidding is open: the blocker says why, in words and with its rule code.
  const blockers = page.getByRole('alert').filter({ hasText: 'What blocks it' });
  await blockers.getByText('Bidding stays open until the bid deadline.').waitFor();
  expect(await blockers.innerText()).toMatch(/bidding\.deadline_not_passed/);
  await look(page, 'case-tendering');
  for (const [supplierId, bidId, price] of [
    ['dell', 'bid-dell', 900000],
    ['hp', 'bid-hp', 950000],
  ] as const) {
    const supplier = rig.engine.tokens(SCC, { supplierId }).supplier;
    expectStatus(await http.post(`/api/cases/${caseId}/bids`, supplier, tenderBid(bidId, price)), 201);
  }
  await section(page, 'Bids')
    .getByRole('row', { name: /bid-hp/ })
    .waitFor();

  // The tender workflow closes bidding at the deadline; the page follows without a reload.
  await heading(page, 'Decide the award').waitFor({ timeout: 60_000 });
  expect(await page.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
  expect(await blockers.innerText()).toMatch(/Every bid must be scored before the award/);
  await look(page, 'case-evaluation');
  // The rarer decisions on a bid, each a form of its own.
  await page.getByRole('button', { name: 'Other decisions on bid-hp' }).click();
  await page.getByRole('button', { name: 'Flag as abnormally low' }).waitFor();
  await look(page, 'case-bid-decisions');
  await page.getByRole('button', { name: 'Other decisions on bid-hp' }).click();

  await page.getByLabel('bid-dell: price').fill('85');
  await page.getByLabel('bid-dell: supply-chain transparency').fill('80');
  await page.getByRole('button', { name: 'Score bid-dell' }).click();
  await page.getByLabel('bid-dell: price').waitFor({ state: 'detached' });

  // A conflict: HP's scores are typed when a colleague records a decision on HP over HTTP.
  await page.getByLabel('bid-hp: price').fill('70');
  await page.getByLabel('bid-hp: supply-chain transparency').fill('60');
  expectStatus(
    await http.post(`/api/cases/${caseId}/bids/bid-hp/exclusion-assessments`, cm, {
      subject: { kind: 'bidder' },
      ground: {
        kind: 'discretionary',
        ground: 'breach_of_labour_law',
        facts: 'overtime reported in 2025',
        occurredOn: '2025-09-01',
      },
      decision: 'do_not_exclude',
      reasons: 'remediation verified by the monitor',
    }),
    201,
  );
  const scoreHp = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/bid-hp/evaluation'),
  );
  await page.getByRole('button', { name: 'Score bid-hp' }).click();
  expect((await scoreHp).status()).toBe(409);
  await page.getByText('Someone else changed this case meanwhile').waitFor();
  expect(await page.getByLabel('bid-hp: price').inputValue()).toBe('70');
  await look(page, 'case-conflict');
  await page.getByRole('button', { name: 'Reload the case' }).click();
  await page.getByText('Someone else changed this case meanwhile').waitFor({ state: 'detached' });
  expect(await page.getByLabel('bid-hp: supply-chain transparency').inputValue()).toBe('60');
  const scoredHp = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/bid-hp/evaluation'),
  );
  await page.getByRole('button', { name: 'Score bid-hp' }).click();
  expect((await scoredHp).status()).toBe(201);
  await page.getByLabel('bid-hp: price').waitFor({ state: 'detached' });

  await page
    .getByLabel('Reasons for the award')
    .fill('most economically advantageous tender, social criteria included');
  await page.getByRole('button', { name: 'Decide the award' }).click();

  // The legal standstill: its countdown, no complaint, and signing refused until it ends (422 in words).
  await heading(page, 'Legal standstill').waitFor();
  await section(page, 'Legal standstill').getByText('No complaint against the award.').waitFor();
  expect(await page.getByRole('timer').innerText()).toMatch(/^00:00:\d\d$/);
  await page.getByLabel('Contract id').fill(`scc-laptops-${caseId.slice(0, 8)}`);
  await page.getByRole('button', { name: 'Sign the contract' }).click();
  await page
    .getByText(/The legal standstill has not ended: the contract may not be signed yet\./)
    .first()
    .waitFor();

  // A complaint received by post: recorded, it holds the signature; dismissed, it no longer does.
  await page.getByRole('button', { name: 'Record a complaint received' }).click();
  await page.getByLabel('Complaint id').fill('complaint-1');
  await page.getByLabel('Complainant').fill('HP Sverige AB');
  await page.getByLabel('Grounds').fill('the social criterion was scored without the disclosed factories');
  await look(page, 'case-standstill');
  await page.getByRole('button', { name: 'Record the complaint' }).click();
  await blockers.getByText('A complaint is pending: the contract may not be signed until it is decided.').waitFor();
  await page.getByRole('button', { name: 'Decide on complaint-1' }).click();
  await choose(page, 'Decision on complaint-1', 'Dismiss');
  await page.getByLabel('Reasons').fill('the scoring followed the published criteria');
  await look(page, 'case-complaint');
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await section(page, 'Legal standstill')
    .getByRole('row', { name: /complaint-1/ })
    .filter({ hasText: 'dismissed' })
    .waitFor();

  // The award-standstill workflow records the end; the page shows it live. The form was typed
  // before that change, so signing offers the reload first, then signs.
  await page.getByRole('timer').filter({ hasText: 'Ended' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Sign the contract' }).click();
  await page.getByRole('button', { name: 'Reload the case' }).click();
  await page.getByRole('button', { name: 'Sign the contract' }).click();

  await heading(page, 'Contract year').waitFor();
  await page.getByText('In performance', { exact: true }).waitFor();
  const contractYear = section(page, 'Contract year');
  await contractYear.getByText(/Contract scc-laptops-\w+ with dell/).waitFor();
  await contractYear.getByText('year 1 requires 60%', { exact: false }).waitFor();
  expect(await contractYear.innerText()).toMatch(/Questionnaire\s+(not issued yet|issued, awaiting answers)/);
  expect(await page.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
  // The timeline names who did what: the contract manager, the suppliers, the workflows.
  const timeline = section(page, 'Timeline');
  await timeline.getByRole('row', { name: /Contract signed/ }).waitFor();
  expect(await timeline.getByRole('row', { name: /Policy adopted/ }).innerText()).toMatch(/contract manager/);
  expect(await timeline.getByRole('row', { name: /Bidding closed/ }).innerText()).toMatch(/workflow/);
  await look(page, 'case-signed');
}, 300_000);
