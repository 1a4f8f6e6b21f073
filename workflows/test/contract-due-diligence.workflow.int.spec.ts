import { randomUUID } from 'node:crypto';
import { handleCommand } from '@pj/application';
import {
  answerQuestionnaireUpdate,
  contractDueDiligenceWorkflowId,
  dueDiligenceStatusQuery,
  type DueDiligenceStatus,
} from '@pj/contracts';
import { addYears, finding, findingStreamId, isId, periodEndsAt, type RecordFinding } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { calendar, journey, organisationId, signedContract, type Journey } from './support/procurement-case-journey';

// A contract year of due diligence on the time-skipping server. The fixture tender gives the
// supplier 30 days to answer, reminds it after 14 and 25 days, and asks for worker-driven audits;
// the case is high-risk (garments from BD), so every desk review asks for an audit.
describe('contract due diligence workflow', () => {
  let t: WorkflowTestEnvironment;
  const taskQueue = 'contract-due-diligence-spec';
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment({ buyerCalendars: { [organisationId]: calendar } });
  });
  afterAll(async () => t?.teardown());

  const data = <D>(event: RecordedEvent) => event.data as D;

  async function start(j: Journey) {
    const signed = await signedContract(j);
    const [handle] = await j.react(signed);
    const signedAt = data<{ signedAt: string }>(signed[0]).signedAt;
    return { handle, signed, signedAt };
  }

  async function closeContract(j: Journey) {
    await j.react(await j.run('CloseContract', { reasons: 'end of the test' }));
  }

  it('runs a contract year with the questionnaire answered on time, then continues as new into year 2', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle, signed, signedAt } = await start(j);
      expect(handle.workflowId).toBe(contractDueDiligenceWorkflowId(organisationId, j.caseId));
      // The same ContractSigned delivered again (a process-manager restart) starts nothing new.
      const [again] = await j.react(signed);
      expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);

      await t.env.sleep('2 days');
      const [issued] = await j.events('QuestionnaireIssued');
      const { questionnaireId, remindersDueAt, deadline } = data<{
        questionnaireId: string;
        remindersDueAt: string[];
        deadline: string;
      }>(issued);
      const open: DueDiligenceStatus = await handle.query(dueDiligenceStatusQuery);
      expect(open).toEqual({
        contractYear: 1,
        step: 'questionnaire_open',
        questionnaireId: 'contract-1.year-1',
        questionnaireAnswered: false,
        supplierSilenceEscalated: false,
        auditIds: [],
        nextDeadline: remindersDueAt[0],
        nextDeadlineKind: 'questionnaire_reminder',
        contractYearEndsAt: addYears(signedAt, 1),
      });
      // 30 days from the day after issue, in Madison's calendar (the activities' BUYER_CALENDARS).
      expect(deadline).toBe(periodEndsAt(calendar, data<{ issuedAt: string }>(issued).issuedAt, 30));
      // The id recorded is the one a caller sends: of the one id format, no slash.
      expect(questionnaireId).toBe('contract-1.year-1');
      expect(isId(questionnaireId)).toBe(true);

      // A wrong questionnaire is rejected by the update's validator, before anything is recorded.
      await expect(
        handle.executeUpdate(answerQuestionnaireUpdate, {
          args: [
            { questionnaireId: 'other', answeredBy: 'supplier-user-1', answers: [{ questionId: 'q', answer: 'a' }] },
          ],
        }),
      ).rejects.toThrow();
      const receipt = await handle.executeUpdate(answerQuestionnaireUpdate, {
        args: [
          {
            questionnaireId,
            answeredBy: 'supplier-user-1',
            answers: [{ questionId: 'wages', answer: 'paid monthly' }],
          },
        ],
      });
      expect(receipt.onTime).toBe(true);

      await t.env.sleep('30 days');
      expect(await handle.query(dueDiligenceStatusQuery)).toMatchObject({
        step: 'monitoring',
        questionnaireAnswered: true,
        auditIds: ['contract-1.year-1.audit-1'],
        nextDeadline: addYears(signedAt, 1),
        nextDeadlineKind: 'contract_year_end',
      });

      await t.env.sleep('340 days');
      expect(await handle.query(dueDiligenceStatusQuery)).toMatchObject({
        contractYear: 2,
        step: 'questionnaire_open',
        questionnaireId: 'contract-1.year-2',
      });
      await recordHistory(
        t.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId),
        'contract-due-diligence-year',
      );

      await closeContract(j);
      expect(await handle.result()).toEqual({ outcome: 'contract_ended', contractYear: 2 });
    });

    const types = await j.types();
    expect(types.slice(types.indexOf('ContractSigned'))).toEqual([
      'ContractSigned',
      'CompliancePlansDue',
      'QuestionnaireIssued',
      'QuestionnaireAnswered',
      'DeskReviewCompleted',
      'IndependentAuditRequested',
      'DisclosureRatchetChecked',
      'CompliancePlansOverdue',
      'ContractYearBegan',
      'QuestionnaireIssued',
      'ContractClosed',
    ]);
    const [plansDue] = await j.events('CompliancePlansDue');
    expect(plansDue.data).toMatchObject({ factoryIds: ['factory-big'], annualPurchaseThreshold: 25_000 });
    const [answered] = await j.events('QuestionnaireAnswered');
    expect(answered.data).toMatchObject({ onTime: true, answeredBy: 'supplier-user-1' });
    expect(answered.metadata.actor).toEqual({ id: 'supplier-user-1', role: 'supplier' });
    const [review] = await j.events('DeskReviewCompleted');
    expect(review.data).toMatchObject({ contractYear: 1, questionnaireAnswered: true, auditReasons: ['high_risk'] });
    const [audit] = await j.events('IndependentAuditRequested');
    expect(audit.data).toMatchObject({ method: 'worker_driven', reasons: ['high_risk'] });
    const [ratchet] = await j.events('DisclosureRatchetChecked');
    expect(ratchet.data).toMatchObject({
      contractYear: 1,
      requiredSharePercent: 60,
      disclosedSharePercent: 60,
      meetsRequirement: true,
      nextYearRequiredSharePercent: 70,
    });
    expect((await j.events('ContractYearBegan'))[0].data).toMatchObject({
      contractYear: 2,
      requiredDisclosureSharePercent: 70,
    });
    expect(data<{ contractYear: number }>((await j.events('QuestionnaireIssued'))[1]).contractYear).toBe(2);
  });

  it('reminds a silent supplier, escalates at the deadline, and asks for an audit on a severe finding', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle } = await start(j);
      await t.env.sleep('15 days');
      expect(await handle.query(dueDiligenceStatusQuery)).toMatchObject({
        step: 'questionnaire_open',
        nextDeadlineKind: 'questionnaire_reminder',
      });
      expect(await j.types()).toContain('QuestionnaireReminderSent');

      // Past the deadline, the end of its last day in Madison (a weekend or holiday moves it).
      const [issued] = await j.events('QuestionnaireIssued');
      const { deadline } = data<{ deadline: string }>(issued);
      await t.env.sleep(Date.parse(deadline) - (await t.env.currentTimeMs()) + 24 * 60 * 60 * 1000);
      const status: DueDiligenceStatus = await handle.query(dueDiligenceStatusQuery);
      expect(status).toMatchObject({
        step: 'monitoring',
        questionnaireAnswered: false,
        supplierSilenceEscalated: true,
        auditIds: ['contract-1.year-1.audit-1'],
        nextDeadlineKind: 'contract_year_end',
      });

      // A monitor's severe finding on this contract's factory reaches the workflow as a signal.
      const findingId = randomUUID();
      const recorded: RecordFinding = {
        type: 'RecordFinding',
        data: {
          findingId,
          factoryId: 'factory-big',
          caseId: j.caseId,
          source: 'worker_driven_monitor',
          severity: 'critical',
          standardBreached: 'ILO C29 forced labour',
          workersAffected: 40,
          description: 'passports withheld',
          evidenceRefs: [],
          shareableWithOtherBuyers: true,
        },
        metadata: {
          commandId: randomUUID(),
          now: await j.now(),
          actor: { id: 'monitor-1', role: 'monitor' },
          organisationId,
          calendar: { timeZone: 'UTC' },
        },
      };
      const { events } = await handleCommand(t.store, finding, findingStreamId(organisationId, findingId), recorded);
      await j.react(events as RecordedEvent[]);
      await t.env.sleep('1 day');
      expect((await handle.query(dueDiligenceStatusQuery)).auditIds).toEqual([
        'contract-1.year-1.audit-1',
        'contract-1.year-1.audit-2',
      ]);
      await recordHistory(handle, 'contract-due-diligence-silent-supplier');

      await closeContract(j);
      expect(await handle.result()).toEqual({ outcome: 'contract_ended', contractYear: 1 });
      expect((await handle.query(dueDiligenceStatusQuery)).step).toBe('contract_ended');
    });

    const types = await j.types();
    expect(types.slice(types.indexOf('ContractSigned'))).toEqual([
      'ContractSigned',
      'CompliancePlansDue',
      'QuestionnaireIssued',
      'QuestionnaireReminderSent',
      'QuestionnaireReminderSent',
      'SupplierSilenceEscalated',
      'DeskReviewCompleted',
      'IndependentAuditRequested',
      'IndependentAuditRequested',
      'ContractClosed',
    ]);
    const [issued] = await j.events('QuestionnaireIssued');
    const { remindersDueAt, deadline } = data<{ remindersDueAt: string[]; deadline: string }>(issued);
    const reminders = await j.events('QuestionnaireReminderSent');
    reminders.forEach((reminder, index) =>
      expect(Date.parse(data<{ sentAt: string }>(reminder).sentAt)).toBeGreaterThanOrEqual(
        Date.parse(remindersDueAt[index]),
      ),
    );
    const [escalated] = await j.events('SupplierSilenceEscalated');
    expect(escalated.data).toMatchObject({ remindersSent: 2, deadline });
    expect((await j.events('DeskReviewCompleted'))[0].data).toMatchObject({ questionnaireAnswered: false });
    const audits = await j.events('IndependentAuditRequested');
    expect(audits[1].data).toMatchObject({ reasons: ['severe_finding'], method: 'worker_driven' });
    expect(data<{ findingIds: string[] }>(audits[1]).findingIds).toHaveLength(1);
  });

  it('a year disclosed short of the ratchet opens a contract-clause finding and confirms the breach', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle } = await start(j);
      await t.env.sleep('2 days');
      // The supplier's year-one disclosure falls to 50% of the supply chain; the contract requires 60%.
      await j.run(
        'DiscloseSupplyChain',
        {
          contractYear: 1,
          disclosedSharePercent: 50,
          factories: [{ factoryId: 'factory-big', annualPurchases: 40_000 }],
        },
        { role: 'supplier' },
      );
      await t.env.sleep('370 days');
      expect(await handle.query(dueDiligenceStatusQuery)).toMatchObject({ contractYear: 2 });
      await closeContract(j);
      await handle.result();
    });
    const findingId = `${j.caseId}.contract-1.year-1.disclosure-ratchet`;
    const [ratchet] = await j.events('DisclosureRatchetChecked');
    expect(ratchet.data).toMatchObject({
      requiredSharePercent: 60,
      disclosedSharePercent: 50,
      meetsRequirement: false,
    });
    const events = await t.store.readStream(findingStreamId(organisationId, findingId));
    expect(events.map((event) => event.type)).toEqual(['FindingRecorded', 'BreachConfirmed']);
    const [recorded, confirmed] = events;
    expect(recorded.data).toMatchObject({
      findingId,
      caseId: j.caseId,
      source: 'contract_clause',
      workersAffected: 0,
      description: expect.stringContaining('50% of the supply chain disclosed'),
    });
    expect(recorded.data).not.toHaveProperty('factoryId');
    expect(confirmed.data).toMatchObject({
      caseId: j.caseId,
      contractorId: 'supplier-bid-a',
      remedyTimetable: { planDueWithinDays: 30 },
    });
    // Recorded by the workflow: BreachConfirmed then starts the breach-escalation workflow (reactions).
    expect(confirmed.metadata.actor).toEqual(ratchet.metadata.actor);
    expect(confirmed.metadata.actor.role).toBe('workflow');
  });
});
