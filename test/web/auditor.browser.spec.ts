import { readFileSync } from 'node:fs';
import { procurementCaseStreamId } from '@pj/domain';
import { SqlEventStore } from '@pj/event-store';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';
import { expectStatus, httpClient } from '../support/http';
import { SCC, waitForEvent } from '../support/journey';

// The auditor in a real browser against the real engine: a case is opened and given its policy
// over HTTP; the auditor replays it with the revision slider, diffs two moments, follows an
// event's causation back to the person who asked, downloads its JSON Lines, verifies the whole
// organisation as a job with progress, and, after a row is tampered with in SQL, sees the case's
// verification name the revision. No command form is offered anywhere.
let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const AUDITOR = 'stockholm county council auditor';

it('replays, diffs, follows causation, downloads and verifies a case', async () => {
  const { engine } = rig;
  const http = httpClient(engine);
  const tokens = engine.tokens(SCC);
  const caseId: string = expectStatus(
    await http.post('/api/cases', tokens.contract_manager, {
      title: 'Laptops for county schools',
      productCategory: 'electronics',
      countriesOfProduction: ['CN'],
    }),
    201,
  ).body.id;
  const streamId = procurementCaseStreamId(SCC, caseId);
  await waitForEvent(engine, streamId, 'RiskScreened');
  expectStatus(
    await http.post(`/api/cases/${caseId}/policy`, tokens.contract_manager, {
      policyRef: 'scc-code-of-conduct-2012',
      codeOfConductStandards: ['ILO C1', 'ILO C29'],
      includesLawOfCountryOfProduction: true,
    }),
    201,
  );
  await waitForEvent(engine, streamId, 'PolicyAdopted');
  const history = await engine.store.readStream(streamId);
  const last = history.at(-1)!.revision;

  const page = await rig.open('/sign-in');
  await signInAs(page, AUDITOR);
  // Read-only: no command the auditor could send is offered.
  expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'New case' }).count()).toBe(0);

  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
  await page.getByRole('link', { name: 'Laptops for county schools' }).waitFor();
  await look(page, 'audit');

  await page.getByRole('link', { name: 'Laptops for county schools' }).click();
  await page.getByRole('heading', { level: 1, name: 'Replay: Laptops for county schools' }).waitFor();
  // At first the slider stands at the last revision: the state is today's.
  await page.getByLabel(`State at revision ${last}`).waitFor();
  expect(await page.getByLabel(`State at revision ${last}`).innerText()).toMatch(/scc-code-of-conduct-2012/);
  await look(page, 'audit-replay');

  // Slide back to the opening: the state before any policy.
  const slider = page.getByRole('slider', { name: 'Revision', exact: true });
  await slider.focus();
  await slider.press('Home');
  await page.waitForURL(/revision=0/);
  const atOpening = page.getByLabel('State at revision 0');
  await atOpening.waitFor();
  expect(await atOpening.innerText()).not.toMatch(/scc-code-of-conduct-2012/);
  expect(await page.getByLabel('Event at this revision').innerText()).toMatch(/^CaseOpened by .* \(contract_manager\)/);

  // The diff from the opening (revision 0) to the last revision names the policy among the changes.
  await slider.press('End');
  await page.waitForURL(new RegExp(`revision=${last}`));
  await page.getByRole('heading', { name: `What changed from revision 0 to revision ${last}` }).waitFor();
  const changes = page.getByRole('table', { name: 'Changes' });
  await changes.waitFor();
  expect(await changes.innerText()).toMatch(/scc-code-of-conduct-2012/);
  // The same moment on both sides: nothing changed.
  const compare = page.getByRole('slider', { name: 'Compare with revision' });
  await compare.focus();
  await compare.press('End');
  await page.getByText('No change between these two moments.').waitFor();
  await look(page, 'audit-replay-diff');

  // Why was the risk screened? The workflow did it, because a contract manager opened the case.
  await page.getByRole('button', { name: 'Causation of RiskScreened at revision 1' }).click();
  const chain = page.getByRole('table', { name: 'Causation chain' });
  await chain.waitFor();
  const steps = await chain.getByRole('row').allInnerTexts();
  expect(steps.slice(1).map((row) => row.split('\t')[1])).toEqual(['RiskScreened', 'CaseOpened']);
  expect(steps[1]).toMatch(/\(workflow\)/);
  expect(steps[2]).toMatch(/\(contract_manager\)/);
  await look(page, 'audit-causation');

  // The case's history as JSON Lines: one line per event, with its hash chain.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON Lines' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.map((line) => line.type)).toEqual(history.map((event) => event.type));
  expect(lines[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);

  // Verify the whole organisation as a job: progress, then the verdict and its report.
  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await page.getByRole('button', { name: 'Verify the organisation' }).click();
  await page.getByRole('progressbar', { name: 'Verification progress' }).waitFor();
  await page.getByText('The history is intact').waitFor();
  const report = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the result' }).click();
  const verified = JSON.parse(readFileSync((await (await report).path())!, 'utf8'));
  expect(verified).toMatchObject({ scope: SCC, ok: true, issues: [] });
  await look(page, 'audit-verified');

  // The organisation as an OCDS release package, as a job too: one release package of its cases.
  await page.getByRole('combobox', { name: 'Format' }).click();
  await page.getByRole('option', { name: 'OCDS release package' }).click();
  await page.getByRole('button', { name: 'Export the organisation' }).click();
  await page.getByRole('progressbar', { name: 'Export progress' }).waitFor();
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the result' }).nth(1).click();
  const releases = JSON.parse(readFileSync((await (await exported).path())!, 'utf8'));
  expect(releases.releases.length).toBeGreaterThan(0);
  expect(new Set(releases.releases.map((release: { ocid: string }) => release.ocid)).size).toBe(1);

  // Someone with database access changes the risk screening behind the store's back.
  await (engine.store as SqlEventStore).driver.query(
    `UPDATE pj_events SET data = '{"riskLevel":"low","reasons":[]}' WHERE stream_id = $1 AND stream_revision = 1`,
    [streamId],
  );
  await page.goBack();
  await page.getByRole('button', { name: 'Verify this case' }).click();
  await page.getByText('Tampering found').waitFor();
  await page.getByText(`changed: ${streamId} at revision 1`).waitFor();
  await look(page, 'audit-tampered');
}, 180_000);
