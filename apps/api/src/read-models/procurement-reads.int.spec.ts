import { createScratchDatabase } from '@pj/audit/testing';
import { PgDriver, PgliteDriver, type SqlDriver } from '@pj/event-store';
import {
  bidProjection,
  caseProjection,
  complaintProjection,
  documentRequestProjection,
  dueDiligenceProjection,
  findingProjection,
} from '@pj/projections';
import type { Caller } from '../auth/roles';
import { findInList, runList } from './lists/run-list';
import { obligationList } from './obligation.views';
import { complaintList, questionnaireList } from './procurement.views';

// What a supplier owes, read from the rows the projections keep (written here as they would be):
// one obligation per open questionnaire, per factory still owing a compliance plan, per undisclosed
// current contract year, per corrective action plan requested or overdue and per low-bid explanation
// asked for; nothing of a contract no longer in performance, of another supplier or of another buyer.
// And complaints, searched by complainant and grounds.
const ORG = 'stockholm-county-council';
const OTHER_ORG = 'city-of-madison';
const dell: Caller = { id: 'dev-supplier', role: 'supplier', organisationId: ORG, supplierId: 'dell' };
const auditor: Caller = { id: 'dev-auditor', role: 'auditor', organisationId: ORG };
const T = (day: number) => `2026-05-${String(day).padStart(2, '0')}T09:00:00.000Z`;

describe.each(['pglite', 'postgres'] as const)('obligations on %s', (kind) => {
  let driver: SqlDriver;
  let drop: (() => Promise<void>) | undefined;

  const caseRow = (org: string, caseId: string, phase: string, supplierId: string) =>
    driver.query(
      `INSERT INTO rm_cases (organisation_id, case_id, title, phase, supplier_id, revision, state, opened_at, updated_at)
       VALUES ($1, $2, 'Computers', $3, $4, 1, '{}', $5, $5)`,
      [org, caseId, phase, supplierId, T(1)],
    );
  const contract = (
    org: string,
    caseId: string,
    supplierId: string,
    plans: { required: string[]; done: string[]; late: string[] },
  ) =>
    driver.query(
      `INSERT INTO rm_due_diligence_contracts (organisation_id, case_id, contract_id, supplier_id, current_year,
         compliance_plans_due_by, compliance_plans_required, compliance_plans_submitted, compliance_plans_overdue,
         signed_at, revision, updated_at)
       VALUES ($1, $2, $3, $4, 2, $5, $6::json, $7::json, $8::json, $9, 1, $9)`,
      [
        org,
        caseId,
        `contract-${caseId}`,
        supplierId,
        T(20),
        JSON.stringify(plans.required),
        JSON.stringify(plans.done.map((factoryId) => ({ factoryId, planRef: 'p', contractYear: 1, onTime: true }))),
        JSON.stringify(plans.late),
        T(1),
      ],
    );
  const cycle = (org: string, caseId: string, supplierId: string, year: number, disclosedAt: string | null) =>
    driver.query(
      `INSERT INTO rm_due_diligence_cycles (organisation_id, case_id, contract_year, contract_id, supplier_id, stage,
         disclosed_at, began_at, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'began', $6, $7, 1, $7)`,
      [org, caseId, year, `contract-${caseId}`, supplierId, disclosedAt, T(1)],
    );
  const questionnaire = (
    org: string,
    caseId: string,
    id: string,
    supplierId: string,
    status: string,
    deadline: string,
  ) =>
    driver.query(
      `INSERT INTO rm_questionnaires (organisation_id, case_id, questionnaire_id, contract_year, contract_id, supplier_id,
         status, deadline, reminders_due_at, issued_at, revision, updated_at)
       VALUES ($1, $2, $3, 2, $4, $5, $6, $7, '[]', $8, 1, $8)`,
      [org, caseId, id, `contract-${caseId}`, supplierId, status, deadline, T(1)],
    );
  const finding = (
    org: string,
    findingId: string,
    contractorId: string,
    planStatus: string,
    dueBy: string,
    closed = false,
  ) =>
    driver.query(
      `INSERT INTO rm_findings (organisation_id, finding_id, factory_id, shareable, case_id, contractor_id, source,
         severity, standard_breached, workers_affected, description, status, recorded_by, evidence_count, plan_status,
         plan_due_by, closed_at, state, revision, recorded_at, updated_at)
       VALUES ($1, $2, 'f-1', false, 'case-1', $3, 'ngo_report', 'high', 'ILO C1', 10, 'hours', 'breach_confirmed', 'm',
         0, $4, $5, $6, '{}', 1, $7, $7)`,
      [org, findingId, contractorId, planStatus, dueBy, closed ? T(2) : null, T(1)],
    );
  const bid = (
    org: string,
    caseId: string,
    bidId: string,
    supplierId: string,
    review: string | null,
    status = 'submitted',
  ) =>
    driver.query(
      `INSERT INTO rm_bids (organisation_id, case_id, bid_id, supplier_id, price, disclosed_share_percent, factories,
         subcontractor_ids, status, exclusion_grounds_not_applied, subcontractor_replacements, low_price_review,
         submitted_at, revision, updated_at)
       VALUES ($1, $2, $3, $4, 100, 60, '[]', '[]', $5, '[]', '[]', $6, $7, 1, $7)`,
      [org, caseId, bidId, supplierId, status, review, T(1)],
    );

  beforeAll(async () => {
    if (kind === 'postgres') {
      const database = await createScratchDatabase('obligations');
      drop = database.drop;
      driver = await PgDriver.open(database.url);
    } else driver = await PgliteDriver.open();
    for (const projection of [
      caseProjection,
      bidProjection,
      dueDiligenceProjection,
      findingProjection,
      complaintProjection,
      documentRequestProjection,
    ])
      for (const statement of projection.schema) await driver.exec(statement);

    await caseRow(ORG, 'case-1', 'in_performance', 'dell');
    // Year 2 undisclosed is owed; year 1 is past (only the current year can be disclosed).
    await contract(ORG, 'case-1', 'dell', { required: ['f-1', 'f-2', 'f-3'], done: ['f-2'], late: ['f-3'] });
    await cycle(ORG, 'case-1', 'dell', 1, null);
    await cycle(ORG, 'case-1', 'dell', 2, null);
    // Recorded before ids lost their slash: read with a dot, the form the answer's path takes.
    await questionnaire(ORG, 'case-1', 'contract-case-1/year-2', 'dell', 'issued', T(10));
    await questionnaire(ORG, 'case-1', 'contract-case-1.year-1', 'dell', 'answered', T(3));
    await finding(ORG, 'finding-requested', 'dell', 'requested', T(15));
    await finding(ORG, 'finding-overdue', 'dell', 'overdue', T(5));
    await finding(ORG, 'finding-submitted', 'dell', 'submitted', T(6));
    await finding(ORG, 'finding-closed', 'dell', 'requested', T(7), true);
    await bid(ORG, 'case-2', 'bid-dell', 'dell', 'explanation_requested');
    await bid(ORG, 'case-3', 'bid-dell', 'dell', 'explanation_requested', 'rejected');
    // Documents asked for: one open, one unanswered at its deadline, one disclosed (owed no more).
    for (const [requestId, status, deadline] of [
      ['docs-open', 'requested', T(12)],
      ['docs-silent', 'unanswered', T(4)],
      ['docs-done', 'disclosed', T(8)],
    ])
      await driver.query(
        `INSERT INTO rm_document_requests (organisation_id, case_id, request_id, contract_id, supplier_id,
           requested_documents, deadline, status, requested_by, requested_at, revision, updated_at)
         VALUES ($1, 'case-1', $2, 'contract-case-1', 'dell', '[]', $3, $4, 'officer-1', $5, 1, $5)`,
        [ORG, requestId, deadline, status, T(1)],
      );
    // A closed contract owes nothing any more.
    await caseRow(ORG, 'case-closed', 'closed', 'dell');
    await contract(ORG, 'case-closed', 'dell', { required: ['f-9'], done: [], late: [] });
    await questionnaire(ORG, 'case-closed', 'contract-case-closed.year-1', 'dell', 'issued', T(4));
    // HP's, and another buyer's Dell's.
    await caseRow(ORG, 'case-hp', 'in_performance', 'hp');
    await questionnaire(ORG, 'case-hp', 'contract-case-hp.year-1', 'hp', 'issued', T(2));
    await finding(ORG, 'finding-hp', 'hp', 'requested', T(2));
    await caseRow(OTHER_ORG, 'case-1', 'in_performance', 'dell');
    await questionnaire(OTHER_ORG, 'case-1', 'contract-case-1.year-1', 'dell', 'issued', T(1));
  }, 60_000);
  afterAll(async () => {
    await driver?.close();
    await drop?.();
  });

  const owed = async (caller: Caller, params: object = {}) =>
    (await runList(driver, obligationList, { limit: 100, ...params }, caller)).items.map((o) => [
      o.kind,
      o.subjectId,
      o.status,
      o.dueAt,
    ]);

  it('lists everything the supplier owes, nearest deadline first and those without one last', async () => {
    expect(await owed(dell)).toEqual([
      ['document_request', 'docs-silent', 'overdue', T(4)],
      ['corrective_action_plan', 'finding-overdue', 'overdue', T(5)],
      ['questionnaire', 'contract-case-1.year-2', 'open', T(10)],
      ['document_request', 'docs-open', 'open', T(12)],
      ['corrective_action_plan', 'finding-requested', 'open', T(15)],
      ['compliance_plan', 'f-1', 'open', T(20)],
      ['compliance_plan', 'f-3', 'overdue', T(20)],
      ['low_bid_explanation', 'bid-dell', 'open', null],
      ['supply_chain_disclosure', 'contract-case-1.year-2', 'open', null],
    ]);
  });

  it('says where to act, with the questionnaire id as the path takes it', async () => {
    const { items } = await runList(driver, obligationList, { limit: 100, kind: 'questionnaire' }, dell);
    expect(items.map((o) => o.action)).toEqual([
      'POST /api/cases/case-1/contract/questionnaires/contract-case-1.year-2/answers',
    ]);
    const documents = await runList(driver, obligationList, { limit: 100, kind: 'document_request' }, dell);
    expect(documents.items.map((o) => o.action)).toEqual([
      'POST /api/cases/case-1/contract/document-requests/docs-silent/disclosure',
      'POST /api/cases/case-1/contract/document-requests/docs-open/disclosure',
    ]);
    const questionnaires = await runList(driver, questionnaireList, { limit: 100, caseId: 'case-1' }, dell);
    expect(questionnaires.items.map((q) => q.questionnaireId)).toEqual([
      'contract-case-1.year-1',
      'contract-case-1.year-2',
    ]);
  });

  it('shows buyer roles every supplier’s, filtered by supplier, and a supplier only its own', async () => {
    expect((await owed(auditor)).length).toBe((await owed(dell)).length + 2);
    expect(await owed(auditor, { supplierId: 'hp' })).toEqual([
      // The same deadline: the id breaks the tie.
      ['corrective_action_plan', 'finding-hp', 'open', T(2)],
      ['questionnaire', 'contract-case-hp.year-1', 'open', T(2)],
    ]);
    expect(await owed({ ...dell, supplierId: 'nobody' })).toEqual([]);
    expect(await owed({ ...dell, organisationId: OTHER_ORG })).toEqual([
      ['questionnaire', 'contract-case-1.year-1', 'open', T(1)],
    ]);
  });

  it('searches complaints by complainant and grounds, ignoring case, by word prefix', async () => {
    for (const [id, complainant, grounds] of [
      ['complaint-1', 'HP Sverige AB', 'the social criterion ignored the disclosed factories'],
      ['complaint-2', 'Lenovo Nordic', 'price scoring formula not as published'],
    ])
      await driver.query(
        `INSERT INTO rm_complaints (organisation_id, case_id, complaint_id, complainant, grounds, status, holds_signature,
           submitted_at, revision, updated_at)
         VALUES ($1, 'case-1', $2, $3, $4, 'submitted', true, $5, 1, $5)`,
        [ORG, id, complainant, grounds, T(1)],
      );
    const found = async (q: string) =>
      (await runList(driver, complaintList, { q, limit: 100 }, auditor)).items.map((c) => c.complaintId);
    expect(await found('sverige')).toEqual(['complaint-1']);
    expect(await found('DISCLOSED fact')).toEqual(['complaint-1']);
    expect(await found('formula')).toEqual(['complaint-2']);
    expect(await found('formula sverige')).toEqual([]);
    // One complaint by its id, placed in its case: the same id in another case is another complaint.
    const inCase = (caseId: string) =>
      findInList(driver, complaintList, 'complaint-1', auditor, { by: 'complaintId', within: { caseId } });
    expect(await inCase('case-1')).toMatchObject({ complaintId: 'complaint-1', complainant: 'HP Sverige AB' });
    expect(await inCase('case-2')).toBeUndefined();
    expect(
      await findInList(
        driver,
        complaintList,
        'complaint-1',
        { ...auditor, organisationId: 'other' },
        { by: 'complaintId' },
      ),
    ).toBe(undefined);
  });
});
