import { findingStreamId, procurementCaseStreamId } from '@pj/domain';
import type { Page } from 'playwright-core';
import { developmentUser } from '../../apps/api/src/auth/development-users';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';
import { expectStatus, httpClient, type HttpClient } from '../support/http';
import { driveToSignedContract, FACTORIES, SCC, waitForEvent } from '../support/journey';

/** The factory the development monitor of the first buyer is assigned to. */
const DEVELOPMENT_MONITOR_FACTORY = developmentUser('monitor').factories![0];

// The supplier and the monitor in a real browser against the real engine. What is not their screens
// (the buyer's case up to a signed contract, a breach confirmed against the supplier) is driven over
// HTTP; what they do themselves goes through their pages: the supplier answers its questionnaire and
// submits the corrective action plan it owes; the monitor files a report with evidence on the
// factory it is assigned to and adds evidence to it.
let rig: BrowserRig;
let http: HttpClient;
beforeAll(async () => {
  rig = await startBrowserRig();
  http = httpClient(rig.engine);
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

/** The development supplier's contact, and the supplier it speaks for. */
const SUPPLIER = developmentUser('supplier').sub;
const DEVELOPMENT_SUPPLIER = developmentUser('supplier').supplierId!;
const MONITOR = 'monitor';

/** A tender with the journey's terms (test/support/journey.ts); the bid deadline is each test's. */
const TENDER = {
  tenderRef: 'SCC-IT-2026-09',
  currency: 'SEK',
  disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
  compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
  performanceClauses: [
    { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
  ],
  awardCriteria: [
    { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
    { criterionId: 'social', kind: 'social', description: 'supply-chain transparency', weight: 40 },
  ],
  legalStandstill: { electronicNoticeDays: 3, otherNoticeDays: 5, periodUnit: 'seconds' },
  dueDiligence: {
    questionnaireResponseDays: 30,
    questionnaireReminderDays: [14, 25],
    independentAuditMethod: 'on_site',
  },
};

/** The error text shown next to a field (Mantine links it by aria-describedby). */
async function fieldError(page: Page, label: string | RegExp): Promise<string> {
  const field = page.getByLabel(label);
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  return page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('error'))}"]`).innerText();
}

it('the supplier answers its questionnaire and submits the corrective action plan it owes', async () => {
  const engine = rig.engine;
  const { caseId, tokens } = await driveToSignedContract(engine, http, 'Laptops for county libraries', {
    supplierId: DEVELOPMENT_SUPPLIER,
  });
  const stream = procurementCaseStreamId(SCC, caseId);
  for (const type of ['CompliancePlansDue', 'QuestionnaireIssued'])
    http.readAfter((await waitForEvent(engine, stream, type)).position);
  // A monitor's finding at the supplier's factory; the council confirms the breach against it.
  const findingId = 'wdm-libraries-hours';
  expectStatus(
    await http.post('/api/findings', tokens.monitor, {
      findingId,
      factoryId: FACTORIES[0],
      caseId,
      source: 'worker_driven_monitor',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 120,
      description: 'up to 70-hour weeks in peak season',
      evidenceRefs: ['worker-interviews'],
      shareableWithOtherBuyers: false,
    }),
    201,
  );
  expectStatus(
    await http.post(`/api/findings/${findingId}/breach-confirmation`, tokens.compliance_officer, {
      reasons: 'hours breach the code of conduct in the contract',
      contractorId: DEVELOPMENT_SUPPLIER,
      remedyTimetable: {
        planDueWithinDays: 30,
        escalationAfterDays: {
          reminder: 7,
          escalated_to_compliance_officer: 14,
          supply_standstill: 21,
          termination_proposed: 35,
        },
      },
    }),
    201,
  );
  await waitForEvent(engine, findingStreamId(SCC, findingId), 'CorrectiveActionPlanRequested');
  // Another of the council's tenders is open for bids, for three weeks.
  const cm = tokens.contract_manager;
  const tenderCaseId: string = expectStatus(
    await http.post('/api/cases', cm, {
      title: 'Monitors for county schools',
      productCategory: 'electronics',
      countriesOfProduction: ['CN'],
    }),
    201,
  ).body.id;
  http.readAfter((await waitForEvent(engine, procurementCaseStreamId(SCC, tenderCaseId), 'RiskScreened')).position);
  expectStatus(
    await http.post(`/api/cases/${tenderCaseId}/policy`, cm, {
      policyRef: 'scc-code-of-conduct-2012',
      codeOfConductStandards: ['ILO C1'],
      includesLawOfCountryOfProduction: true,
    }),
    201,
  );
  const bidDeadline = new Date(Date.now() + 21 * 86_400_000);
  expectStatus(
    await http.post(`/api/cases/${tenderCaseId}/tender`, cm, { ...TENDER, bidDeadline: bidDeadline.toISOString() }),
    201,
  );

  const page = await rig.open('/sign-in');
  await signInAs(page, SUPPLIER);
  await page.getByRole('link', { name: 'What we owe' }).click();
  await page.getByRole('heading', { level: 1, name: 'What we owe' }).waitFor();
  const obligations = page.getByRole('table', { name: 'Obligations' });
  await obligations.getByRole('row', { name: /Corrective action plan/ }).waitFor();
  const kinds = await obligations.locator('tbody tr td:first-child').allInnerTexts();
  expect(kinds.sort()).toEqual(
    ['Compliance plan', 'Corrective action plan', 'Questionnaire', 'Supply-chain disclosure'].sort(),
  );
  await page
    .getByRole('table', { name: 'Questionnaires' })
    .getByRole('row', { name: /to answer/ })
    .waitFor();
  const tender = page
    .getByRole('table', { name: 'Open tenders' })
    .getByRole('row', { name: /Monitors for county schools/ });
  await tender.getByText(/\d/).waitFor();
  // The deadline as the browser (same machine, same time zone) writes the day.
  expect(await tender.innerText()).toContain(
    await page.evaluate((at) => new Date(at).toLocaleDateString(), bidDeadline.toISOString()),
  );
  await look(page, 'supplier-dues');

  // The questionnaire: an empty answer is refused next to its field, what was typed kept.
  await obligations.getByRole('link', { name: /^Answer/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Questionnaire / }).waitFor();
  await page.getByText(/Status: to answer/).waitFor();
  await look(page, 'supplier-questionnaire');
  await page.getByLabel('Question 1').fill('q-hours');
  await page.getByRole('button', { name: 'Send the answers' }).click();
  expect(await fieldError(page, /^Answer 1/)).toMatch(/answer must be longer than or equal to 1 characters/);
  expect(await page.getByLabel('Question 1').inputValue()).toBe('q-hours');
  await look(page, 'supplier-questionnaire-refused');
  await page.getByLabel(/^Answer 1/).fill('capped at 60 hours including overtime');
  const documents = page.getByRole('combobox', { name: 'Documents for answer 1' });
  for (const ref of ['working-hours-policy-2026', 'time-records-2026-q1']) {
    await documents.fill(ref);
    await documents.press('Enter');
  }
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByLabel('Question 2').fill('q-wages');
  await page.getByLabel(/^Answer 2/).fill('at or above the legal minimum, paid monthly');
  await page.getByRole('button', { name: 'Send the answers' }).click();

  // Back on its desk (read after the answer's position): the questionnaire is no longer owed.
  await page.getByRole('heading', { level: 1, name: 'What we owe' }).waitFor();
  await page
    .getByRole('table', { name: 'Questionnaires' })
    .getByRole('row', { name: /answered/ })
    .waitFor();
  expect(await obligations.getByRole('row', { name: /Questionnaire/ }).count()).toBe(0);

  // The plan: an action without a deadline is refused at that action's field.
  await obligations.getByRole('link', { name: /^Submit the plan/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Corrective action plan' }).waitFor();
  await page.getByText(/Plan: requested of you; due/).waitFor();
  await look(page, 'supplier-plan');
  const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Plan id').fill('cap-libraries');
  await page.getByLabel('Plan deadline').fill(inSixtyDays);
  await page.getByLabel('Action 1 id').fill('hours');
  await page.getByLabel('Action 1: what is done').fill('cap weekly hours at 60 including overtime');
  await page.getByLabel('Action 1: who is responsible').fill('Dell');
  await page.getByLabel('Action 1: how it is verified').fill('worker interviews by the monitor');
  await page.getByLabel('Action 1: consequence if not done').fill('escalation');
  await page.getByRole('button', { name: 'Submit the plan' }).click();
  expect(await fieldError(page, 'Action 1 deadline')).toMatch(/deadline must be a valid ISO 8601 date string/);
  expect(await page.getByLabel('Action 1 id').inputValue()).toBe('hours');
  await look(page, 'supplier-plan-refused');
  await page.getByLabel('Action 1 deadline').fill(inSixtyDays);
  await page.getByRole('button', { name: 'Add an action' }).click();
  await page.getByLabel('Action 2 id').fill('arrears');
  await page.getByLabel('Action 2 deadline').fill(inSixtyDays);
  await page.getByLabel('Action 2: what is done').fill('pay overtime arrears to the workers concerned');
  await page.getByLabel('Action 2: who is responsible').fill('Dell');
  await page.getByLabel('Action 2: how it is verified').fill('payroll review');
  await page.getByLabel('Action 2: consequence if not done').fill('escalation');
  await page.getByLabel('Action 2 remedies the workers affected').check();
  await page.getByRole('button', { name: 'Submit the plan' }).click();

  await page.getByRole('heading', { level: 1, name: 'What we owe' }).waitFor();
  await obligations.getByRole('row', { name: /Compliance plan/ }).waitFor();
  expect(await obligations.getByRole('row', { name: /Corrective action plan/ }).count()).toBe(0);
  await look(page, 'supplier-dues-after');

  // The API recorded what the pages sent, by the signed-in supplier.
  const finding = expectStatus(await http.get(`/api/findings/${findingId}`, tokens.compliance_officer), 200).body;
  expect(finding.correctiveActionPlan).toMatchObject({ status: 'submitted', planId: 'cap-libraries' });
  expect(
    finding.correctiveActionPlan.actions.map((a: { actionId: string; forAffectedWorkers: boolean }) => [
      a.actionId,
      a.forAffectedWorkers,
    ]),
  ).toEqual([
    ['hours', false],
    ['arrears', true],
  ]);
  const [questionnaire] = expectStatus(
    await http.get(`/api/questionnaires?caseId=${caseId}`, tokens.contract_manager),
    200,
  ).body.items;
  expect(questionnaire).toMatchObject({ status: 'answered', answeredOnTime: true });
  expect(questionnaire.answers).toEqual([
    {
      questionId: 'q-hours',
      answer: 'capped at 60 hours including overtime',
      documentRefs: ['working-hours-policy-2026', 'time-records-2026-q1'],
    },
    { questionId: 'q-wages', answer: 'at or above the legal minimum, paid monthly' },
  ]);
}, 240_000);

it('the monitor files a report with evidence on the factory it is assigned to', async () => {
  // The registry holds the monitor's factory and others (the supplier's journey may have registered
  // them already, with the same names: a second registration is refused, not asserted).
  const cm = rig.engine.tokens(SCC).contract_manager;
  for (const factoryId of [DEVELOPMENT_MONITOR_FACTORY, ...FACTORIES])
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
  await signInAs(page, MONITOR);
  await page.getByRole('link', { name: 'My factories' }).click();
  await page.getByRole('heading', { level: 1, name: 'My factories' }).waitFor();
  // Its factory only, not the other in the registry.
  const factories = page.getByRole('table', { name: 'Factories' });
  await factories.waitFor();
  expect(await factories.locator('tbody tr td:first-child').allInnerTexts()).toEqual([
    `Shenzhen assembly ${DEVELOPMENT_MONITOR_FACTORY}`,
  ]);
  await look(page, 'monitor-factories');

  await factories.getByRole('link', { name: `Shenzhen assembly ${DEVELOPMENT_MONITOR_FACTORY}` }).click();
  await page.getByRole('heading', { level: 1, name: `Shenzhen assembly ${DEVELOPMENT_MONITOR_FACTORY}` }).waitFor();
  await look(page, 'monitor-factory');

  // A report without saying what was found is refused at that field; then filed with its evidence.
  await page.getByLabel('Report id').fill('wdm-overtime-1');
  await page.getByRole('combobox', { name: 'Severity' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  await page.getByLabel('Standard breached').fill('ILO C1 hours of work');
  await page.getByLabel('Workers affected').fill('140');
  const evidence = page.getByRole('combobox', { name: 'Evidence', exact: true });
  for (const ref of ['worker-interviews-2026-03', 'time-records-photos']) {
    await evidence.fill(ref);
    await evidence.press('Enter');
  }
  await page.getByRole('button', { name: 'File the report' }).click();
  expect(await fieldError(page, 'What was found')).toMatch(/description/);
  await look(page, 'monitor-report-refused');
  await page.getByLabel('What was found').fill('Forced overtime before each shipment; overtime unpaid');
  await page.getByRole('button', { name: 'File the report' }).click();

  const findings = page.getByRole('table', { name: 'Findings at this factory' });
  const row = findings.getByRole('row', { name: /wdm-overtime-1/ });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/ILO C1 hours of work\s+140\s+reported\s+2/);

  // More evidence after filing.
  await page.getByRole('combobox', { name: 'Finding' }).click();
  await page.getByRole('option', { name: 'wdm-overtime-1' }).click();
  await page.getByRole('combobox', { name: 'Kind of evidence' }).click();
  await page.getByRole('option', { name: 'Contractor documents' }).click();
  await page.getByLabel('Evidence reference').fill('payslips-march');
  await page.getByLabel('Note').fill('payslips show no overtime premium');
  await page.getByRole('button', { name: 'Add the evidence' }).click();
  await findings.getByRole('row', { name: /wdm-overtime-1.*reported\s+3/s }).waitFor();
  await look(page, 'monitor-factory-reported');

  const filed = expectStatus(
    await http.get('/api/findings/wdm-overtime-1', rig.engine.tokens(SCC).compliance_officer),
    200,
  ).body;
  expect(filed).toMatchObject({
    factoryId: DEVELOPMENT_MONITOR_FACTORY,
    source: 'worker_driven_monitor',
    severity: 'high',
    workersAffected: 140,
    evidenceRefs: expect.arrayContaining(['worker-interviews-2026-03', 'time-records-photos', 'payslips-march']),
  });
}, 120_000);
