import { addCalendarDays, findingStreamId } from '@pj/domain';
import { documentRequestStatusQuery, documentRequestWorkflowId, type DocumentRequestResult } from '@pj/contracts';
import type { RecordedEvent } from '@pj/event-store';
import {
  recordHistory,
  startWorkflowTestEnvironment,
  type WorkflowTestEnvironment,
} from './support/workflow-test-environment';
import { journey, organisationId, signedContract, type Journey } from './support/procurement-case-journey';

// A request for documents on the time-skipping server: the buyer asks the contractor of a signed
// contract for its audit report and supplier list within 14 days.
describe('document request workflow', () => {
  let t: WorkflowTestEnvironment;
  const taskQueue = 'document-request-spec';
  beforeAll(async () => {
    t = await startWorkflowTestEnvironment();
  });
  afterAll(async () => t?.teardown());

  async function requested(j: Journey) {
    await signedContract(j);
    const deadline = addCalendarDays(await j.now(), 14);
    const events = await j.run(
      'RequestDocuments',
      {
        requestId: 'docs-1',
        documents: [
          { kind: 'audit_report', description: 'latest social audit of factory-big' },
          { kind: 'supplier_list', description: 'tier-2 suppliers' },
        ],
        deadline,
      },
      { role: 'compliance_officer' },
    );
    const handles = await j.react(events);
    const handle = handles.find((h) => h.workflowId === documentRequestWorkflowId(organisationId, j.caseId, 'docs-1'))!;
    return { handle, deadline, events };
  }

  it('silence at the deadline is recorded and opens a contract-clause breach for the ladder', async () => {
    const j = journey(t, taskQueue);
    let result: DocumentRequestResult | undefined;
    let requestedEvents: RecordedEvent[] = [];
    await t.withWorker(taskQueue, async () => {
      const { handle, deadline, events } = await requested(j);
      requestedEvents = events;
      expect(await handle.query(documentRequestStatusQuery)).toEqual({ step: 'awaiting_documents', deadline });
      result = await handle.result();
      expect(await handle.query(documentRequestStatusQuery)).toMatchObject({ step: 'unanswered' });
      await recordHistory(handle, 'document-request-unanswered');
    });
    const findingId = `${j.caseId}.docs-1.unanswered`;
    expect(result).toEqual({ outcome: 'unanswered', findingId });
    const [silence] = await j.events('DocumentRequestUnanswered');
    expect(silence.data).toMatchObject({ requestId: 'docs-1', supplierId: 'supplier-bid-a' });
    expect(silence.metadata.actor.role).toBe('workflow');
    expect(silence.metadata.causationId).toBe(requestedEvents[0].metadata.eventId);
    const finding = await t.store.readStream(findingStreamId(organisationId, findingId));
    expect(finding.map((event) => event.type)).toEqual(['FindingRecorded', 'BreachConfirmed']);
    expect(finding[0].data).toMatchObject({ source: 'contract_clause', caseId: j.caseId });
    expect(finding[1].data).toMatchObject({ contractorId: 'supplier-bid-a', caseId: j.caseId });
  });

  it('documents disclosed before the deadline end the wait: nothing is recorded as silence', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle } = await requested(j);
      const disclosed = await j.run(
        'DiscloseRequestedDocuments',
        {
          requestId: 'docs-1',
          documents: [{ documentRef: 'audit-2026-01', kind: 'audit_report', title: 'Social audit, January 2026' }],
          underNonDisclosureAgreement: true,
        },
        { role: 'supplier' },
      );
      await j.react(disclosed);
      expect(await handle.result()).toEqual<DocumentRequestResult>({ outcome: 'disclosed' });
    });
    expect(await j.types()).not.toContain('DocumentRequestUnanswered');
    const [disclosure] = await j.events('RequestedDocumentsDisclosed');
    expect(disclosure.data).toMatchObject({ confidential: true, onTime: true });
  });

  it('without the news, the case refusing the silence ends it as disclosed', async () => {
    const j = journey(t, taskQueue);
    await t.withWorker(taskQueue, async () => {
      const { handle } = await requested(j);
      await j.run(
        'DiscloseRequestedDocuments',
        {
          requestId: 'docs-1',
          documents: [{ documentRef: 'suppliers-2026', kind: 'supplier_list', title: 'Tier-2 suppliers' }],
          underNonDisclosureAgreement: false,
        },
        { role: 'supplier' },
      );
      expect(await handle.result()).toEqual<DocumentRequestResult>({ outcome: 'disclosed' });
    });
    expect(await j.types()).not.toContain('DocumentRequestUnanswered');
  });
});
