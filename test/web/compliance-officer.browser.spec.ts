import type { Page } from 'playwright-core';
import { findingStreamId, supplyStandstillStreamId } from '@pj/domain';
import { look, signInAs, startBrowserRig, type BrowserRig } from '../support/browser';
import { eventually } from '../support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from '../support/http';
import { driveToSignedContract, FACTORIES, SCC, streamTypes, waitForEvent } from '../support/journey';
import { developmentUser } from '../../apps/api/src/auth/development-users';

/** Who the officer signed in through the development provider is (the token's subject). */
const OFFICER_SUB = developmentUser('compliance_officer').sub;

// The compliance officer in a real browser against the real engine, worker and Temporal: a breach
// of Dell's is confirmed and its plan submitted over HTTP; the officer approves the plan on the
// finding page; the deadline slips on the real clock and the ladder (zero-day offsets) proposes a
// standstill and termination, which the open inbox shows without a reload; the officer imposes the
// standstill and keeps the contract, each decision with reasons and a confirmation step; once the
// monitor has verified remediation (over HTTP) the officer confirms the lifting. Charts last.
let rig: BrowserRig;
let http: HttpClient;
beforeAll(async () => {
  rig = await startBrowserRig();
  http = httpClient(rig.engine);
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const OFFICER = 'stockholm county council compliance officer';

const decision = (page: Page, title: string) => page.getByRole('region', { name: title });

it('takes a breach through plan approval to a standstill decision and its lifting', async () => {
  const engine = rig.engine;
  const { caseId, tokens, dell } = await driveToSignedContract(engine, http, 'Laptops for county schools');
  const [factoryId] = FACTORIES;
  const findingId = `danwatch-web-${caseId.slice(0, 8)}`;
  const officer = tokens.compliance_officer;
  expectStatus(
    await http.post('/api/findings', tokens.monitor, {
      findingId,
      factoryId,
      caseId,
      source: 'ngo_report',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 120,
      description: 'forced overtime, up to 74-hour weeks',
      evidenceRefs: ['danwatch-2013-report'],
      shareableWithOtherBuyers: true,
    }),
    201,
  );

  const page = await rig.open('/sign-in');
  await signInAs(page, OFFICER);
  await page.getByRole('link', { name: 'Inbox', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  // The severe finding waits for the officer to confirm the breach or dismiss it.
  const severe = page.getByRole('row', { name: new RegExp(`Severe finding.*${findingId}`) });
  await severe.waitFor();

  expectStatus(
    await http.post(`/api/findings/${findingId}/breach-confirmation`, officer, {
      reasons: 'conditions breach the code of conduct',
      contractorId: 'dell',
      remedyTimetable: {
        planDueWithinDays: 30,
        escalationAfterDays: {
          reminder: 0,
          escalated_to_compliance_officer: 0,
          supply_standstill: 0,
          termination_proposed: 0,
        },
      },
    }),
    201,
  );
  await eventually(async () => {
    const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
    return status.body?.step === 'awaiting_plan' ? true : undefined;
  });
  // Long enough to approve in the browser on a loaded machine, short enough for the real timer.
  const deadline = inSeconds(45);
  const action = (actionId: string, forAffectedWorkers: boolean) => ({
    actionId,
    action: forAffectedWorkers ? 'pay overtime arrears' : 'cap weekly hours at 60',
    forAffectedWorkers,
    responsibleParty: 'Dell',
    verificationMethod: 'worker interviews',
    deadline,
    consequenceIfNotDone: 'escalation',
  });
  expectStatus(
    await http.post(`/api/findings/${findingId}/corrective-action-plan`, dell, {
      planId: 'cap-1',
      deadline,
      actions: [action('hours', false), action('arrears', true)],
    }),
    201,
  );
  await eventually(async () => {
    const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
    return status.body?.step === 'awaiting_plan_approval' ? true : undefined;
  });

  // The plan waits in the inbox with its deadline; the finding page shows it to review.
  await page.reload();
  const planRow = page.getByRole('row', { name: new RegExp(`Plan to approve.*${findingId}`) });
  await planRow.waitFor();
  expect(await severe.count()).toBe(0);
  await look(page, 'officer-inbox');
  await planRow.getByRole('link', { name: findingId }).click();
  await page.getByRole('heading', { level: 1, name: `Finding ${findingId}` }).waitFor();
  const actions = page.getByRole('table', { name: 'Planned actions' });
  await actions.getByRole('row', { name: /pay overtime arrears/ }).waitFor();
  expect(await actions.getByRole('row').count()).toBe(3);
  const approval = decision(page, 'Approve the plan');
  await approval.getByRole('button', { name: 'Review the decision' }).click();
  await approval.getByText('Approve corrective action plan cap-1.').waitFor();
  await look(page, 'officer-finding-plan');
  await approval.getByRole('button', { name: 'Confirm: approve the plan' }).click();
  await page.getByText('Plan cap-1 approved: its deadline now runs.').waitFor();
  expect(await streamTypes(engine, findingStreamId(SCC, findingId))).toContain('CorrectiveActionPlanAgreed');

  // Nothing is done by the deadline: the ladder climbs while the inbox is open, which shows the
  // proposals without a reload (the marker set in this document survives).
  await page.getByRole('link', { name: 'Inbox', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.evaluate(() => ((globalThis as { sameDocument?: boolean }).sameDocument = true));
  const proposal = page.getByRole('row', { name: new RegExp(`Standstill proposal.*${findingId}`) });
  await proposal.waitFor({ timeout: 120_000 });
  await page.getByRole('row', { name: new RegExp(`Termination proposal.*${findingId}`) }).waitFor({ timeout: 30_000 });
  expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await look(page, 'officer-inbox-proposals');

  // The queue shows the breach at the top of the ladder.
  await page.getByRole('link', { name: 'Escalation queue' }).click();
  const breach = page.getByRole('row', { name: new RegExp(findingId) });
  await breach.getByRole('img', { name: 'On the ladder: Termination proposed' }).waitFor();
  expect(await breach.innerText()).toMatch(/Awaiting termination decision/);
  await look(page, 'officer-escalations');

  // The standstill decision: reasons are required; the confirmation says what will be recorded.
  await breach.getByRole('link', { name: findingId }).click();
  const standstill = decision(page, 'Decide on the proposed supply standstill');
  await standstill.waitFor();
  await standstill.getByRole('button', { name: 'Review the decision' }).click();
  await standstill.getByText('Give the reasons for the decision').waitFor();
  await standstill.getByLabel('Every contract with the contractor').check();
  await standstill.getByLabel('Reasons').fill('the plan was not delivered on time');
  await standstill.getByRole('button', { name: 'Review the decision' }).click();
  await standstill
    .getByText(
      `Impose a supply standstill on ${factoryId} (every contract with the contractor), because: “the plan was not delivered on time”.`,
    )
    .waitFor();
  await look(page, 'officer-standstill-confirmation');
  await standstill.getByRole('button', { name: 'Confirm the standstill decision' }).click();
  await page.getByText('Your decision on the standstill is recorded.').waitFor();
  const proposalStream = supplyStandstillStreamId(SCC, `breach-${findingId}`);
  const [imposed] = await engine.store.readStream(proposalStream);
  expect(imposed).toMatchObject({
    type: 'SupplyStandstillImposed',
    data: { scope: 'buyer', imposedBy: OFFICER_SUB, reasons: 'the plan was not delivered on time' },
    metadata: { actor: { id: OFFICER_SUB, role: 'compliance_officer' } },
  });

  // The termination proposal: the officer keeps the contract, with reasons.
  const termination = decision(page, 'Decide on the termination proposal');
  await termination.getByLabel('Keep the contract').check();
  await termination.getByLabel('Reasons').fill('Dell engages; the standstill does the work');
  await termination.getByRole('button', { name: 'Review the decision' }).click();
  await termination.getByText('Keep the contract, because: “Dell engages; the standstill does the work”.').waitFor();
  await termination.getByRole('button', { name: 'Confirm the termination decision' }).click();
  await page.getByText('Your decision on the termination proposal is recorded.').waitFor();
  await waitForEvent(engine, findingStreamId(SCC, findingId), 'TerminationProposalDeclined');

  // Dell pays the arrears and the monitor verifies remediation, over HTTP.
  expectStatus(
    await http.post(`/api/findings/${findingId}/remedies`, dell, {
      remedyId: 'arrears',
      kind: 'back_pay',
      workersCovered: 120,
      amount: 18_000,
      currency: 'USD',
      description: 'overtime arrears paid',
    }),
    201,
  );
  expectStatus(
    await http.post(`/api/findings/${findingId}/remediation-result`, tokens.monitor, {
      result: 'complete',
      assessment: 'hours capped, arrears paid',
      actionsCompleted: ['hours', 'arrears'],
    }),
    201,
  );
  expectStatus(
    await http.post(`/api/findings/${findingId}/remediation-verification`, tokens.monitor, {
      verifiedBy: 'worker-driven monitor',
      method: 'worker interviews',
      verificationRef: 'visit-2013-10',
    }),
    201,
  );
  await eventually(async () => {
    const status = await http.get(`/api/findings/${findingId}/escalation`, officer);
    const queue = await http.get('/api/escalations', officer);
    const row = (queue.body?.items ?? []).find((item: { findingId: string }) => item.findingId === findingId);
    return status.body?.step === 'awaiting_standstill_lifting' && row?.status === 'remediation_verified'
      ? true
      : undefined;
  }, 60_000);

  // The lifting waits in the inbox; the officer confirms it from the finding page.
  await page.getByRole('link', { name: 'Inbox', exact: true }).click();
  const lifting = page.getByRole('row', { name: new RegExp(`Lifting to confirm.*${findingId}`) });
  await lifting.waitFor();
  await lifting.getByRole('link', { name: findingId }).click();
  const lift = decision(page, 'Confirm the lifting of the standstill');
  await lift.getByLabel('Reasons').fill('remediation verified by worker interviews');
  await lift.getByRole('button', { name: 'Review the decision' }).click();
  await lift
    .getByText('Lift every standstill resting on this breach, because: “remediation verified by worker interviews”.')
    .waitFor();
  await lift.getByRole('button', { name: 'Confirm: lift the standstill' }).click();
  await page.getByText('The standstill lifting is confirmed.').waitFor();
  await waitForEvent(engine, proposalStream, 'SupplyStandstillLifted');
  expect(await streamTypes(engine, proposalStream)).toEqual([
    'SupplyStandstillImposed',
    'StandstillRemediationVerified',
    'SupplyStandstillLifted',
  ]);

  // Every decision taken shows with its reasons.
  const taken = page.getByRole('region', { name: 'Decisions taken' });
  await eventually(async () => {
    await page.reload();
    await taken.waitFor();
    return /Supply standstill lifted/.test(await taken.innerText()) ? true : undefined;
  }, 30_000);
  const decisions = await taken.innerText();
  expect(decisions).toMatch(/Breach confirmed[\s\S]*Reasons: conditions breach the code of conduct/);
  expect(decisions).toMatch(
    /Supply standstill imposed on f-shenzhen-1[\s\S]*Reasons: the plan was not delivered on time/,
  );
  expect(decisions).toMatch(/Termination declined: contract kept[\s\S]*Reasons: Dell engages/);
  expect(decisions).toMatch(
    /Supply standstill lifted on f-shenzhen-1[\s\S]*Reasons: remediation verified by worker interviews/,
  );
  await look(page, 'officer-finding');

  // The charts, computed from the findings and escalations read.
  await page.getByRole('link', { name: 'Charts' }).click();
  const days = page.getByRole('figure', { name: 'Days from finding to verified remediation' });
  await days.getByText(/^1 remediation verified; median \d+(\.\d)? days\.$/).waitFor();
  await page
    .getByRole('figure', { name: 'Breaches by ladder step' })
    .getByText(/Termination proposed: 1\./)
    .waitFor();
  await page
    .getByRole('figure', { name: 'Findings by severity over time' })
    .getByText(/high 1/)
    .waitFor();
  await look(page, 'officer-charts');
}, 420_000);
