import { finding } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { findingCommand } from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// The disclosure ratchet has teeth (issue 12 item 6): a contract year closed on 4 February 2027 with
// 50% of the supply chain disclosed where the contract requires 60% is a breach of a necessary step.
// The due-diligence workflow opens a finding on the contract (source contract_clause, no factory)
// and confirms the breach itself; its BreachConfirmed starts the breach-escalation workflow.
const spec = DeciderSpecification(finding);
const findingId = 'case-1.contract-1.year-1.disclosure-ratchet';
const workflow = { role: 'workflow' as const, actorId: 'contract-due-diligence:buyer-1/case-1' };
const yearEnd = '2027-02-04T09:00:00.000Z';

const record = (overrides: Record<string, unknown> = {}) =>
  findingCommand(
    'RecordFinding',
    {
      findingId,
      caseId: 'case-1',
      source: 'contract_clause',
      severity: 'medium',
      standardBreached: 'supply-chain disclosure ratchet, contract year 1: 60% (necessary step)',
      workersAffected: 0,
      description: '50% of the supply chain disclosed by the end of contract year 1; the contract requires 60%',
      evidenceRefs: [],
      shareableWithOtherBuyers: false,
      ...overrides,
    },
    { ...workflow, now: yearEnd },
  );
const confirm = (as: { role: 'workflow' | 'compliance_officer'; actorId: string } = workflow) =>
  findingCommand(
    'ConfirmBreach',
    {
      findingId,
      caseId: 'case-1',
      contractorId: 'supplier-bid-a',
      reasons: 'disclosure below the ratchet',
      remedyTimetable,
    },
    { ...as, now: yearEnd },
  );

describe('a breach of a contract clause (the disclosure ratchet)', () => {
  it('is a finding on the contract, without a factory', () =>
    spec
      .given([])
      .when(record())
      .thenEmits((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'FindingRecorded',
          data: { source: 'contract_clause', caseId: 'case-1' },
        });
        expect(events[0].data).not.toHaveProperty('factoryId');
      }));

  it('needs the case whose contract it is found on', () =>
    spec
      .given([])
      .when(record({ caseId: undefined }))
      .thenFails('finding.case_required'));

  it('any other finding still names its factory', () =>
    spec
      .given([])
      .when(record({ source: 'social_audit' }))
      .thenFails('finding.factory_required'));

  it('is confirmed by the workflow that checked the ratchet, with no factory on the breach', () =>
    spec
      .given(history(finding, [record()]))
      .when(confirm())
      .thenEmits((events) => {
        expect(events[0]).toMatchObject({
          type: 'BreachConfirmed',
          data: {
            findingId,
            caseId: 'case-1',
            contractorId: 'supplier-bid-a',
            confirmedBy: workflow.actorId,
            confirmedAt: yearEnd,
          },
        });
        expect(events[0].data).not.toHaveProperty('factoryId');
      }));

  it('a workflow may not confirm a finding from a monitor: that stays a compliance officer’s decision', () =>
    spec
      .given(history(finding, [record({ source: 'worker_driven_monitor', factoryId: 'factory-big' })]))
      .when(confirm())
      .thenFails('finding.compliance_officer_required'));

  it('the ladder may propose a standstill naming no factory: the officer names them when deciding', () =>
    spec
      .given(history(finding, [record(), confirm()]))
      .when(
        findingCommand(
          'ProposeSupplyStandstill',
          { findingId, factoryIds: [], reasons: 'escalation ladder: disclosure not remedied on time' },
          { role: 'workflow', actorId: `breach-escalation:buyer-1/${findingId}`, now: '2027-04-15T09:00:00.000Z' },
        ),
      )
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ type: 'SupplyStandstillProposed', data: { factoryIds: [] } }),
      ));
});
