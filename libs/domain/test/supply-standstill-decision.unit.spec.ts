import { finding, supplyStandstill } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { findingCommand, standstillCommand } from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// A supply standstill is a person's decision. The escalation ladder proposes it to the compliance
// officer (Stockholm County Council's officers imposed theirs on Dell's factories in 2013 after the
// contractor failed to show remediation); the officer imposes it on named factories, for this
// contract or every contract of the buyer, or declines with reasons. It is lifted once the
// remediation of every finding it rests on is verified, whoever imposed it.

const findingId = 'danwatch-f-shenzhen-1';
const ladder = { role: 'workflow' as const, actorId: `breach-escalation:buyer-1/${findingId}` };
const officer = { role: 'compliance_officer' as const, actorId: 'officer-anna' };
const findingSpec = DeciderSpecification(finding);
const standstillSpec = DeciderSpecification(supplyStandstill);

const record = findingCommand(
  'RecordFinding',
  {
    findingId,
    factoryId: 'f-shenzhen-1',
    caseId: 'scc-it-2012',
    source: 'ngo_report',
    severity: 'high',
    standardBreached: 'ILO C1 hours of work',
    workersAffected: 0,
    description: 'excessive overtime, wages below the legal minimum',
    evidenceRefs: ['danwatch-2013'],
    shareableWithOtherBuyers: true,
  },
  { role: 'monitor', now: '2013-03-04T09:00:00.000Z' },
);
const confirm = findingCommand(
  'ConfirmBreach',
  { findingId, reasons: 'documented by DanWatch', contractorId: 'dell', remedyTimetable },
  { ...officer, now: '2013-03-11T09:00:00.000Z' },
);
const propose = (now = '2013-05-06T09:00:00.000Z') =>
  findingCommand(
    'ProposeSupplyStandstill',
    { findingId, factoryIds: ['f-shenzhen-1'], reasons: 'escalation ladder: breach not remedied on time' },
    { ...ladder, now },
  );
const remind = (now = '2013-05-13T09:00:00.000Z') =>
  findingCommand('RemindOfSupplyStandstillProposal', { findingId }, { ...ladder, now });
const decline = (
  reasons = 'the contractor agreed a plan the day after',
  role: 'compliance_officer' | 'contract_manager' = 'compliance_officer',
) =>
  findingCommand(
    'DeclineSupplyStandstillProposal',
    { findingId, reasons },
    { role, actorId: 'officer-anna', now: '2013-05-14T10:30:00.000Z' },
  );
const confirmed = () => history(finding, [record, confirm]);
const proposed = () => history(finding, [record, confirm, propose()]);

describe('the ladder proposes a supply standstill; a compliance officer decides', () => {
  it('records the proposal on the finding, with the breach’s case and contractor and the factories named', () =>
    findingSpec
      .given(confirmed())
      .when(propose())
      .then([
        {
          type: 'SupplyStandstillProposed',
          data: {
            findingId,
            factoryIds: ['f-shenzhen-1'],
            reasons: 'escalation ladder: breach not remedied on time',
            caseId: 'scc-it-2012',
            contractorId: 'dell',
            proposedBy: ladder.actorId,
            proposedAt: '2013-05-06T09:00:00.000Z',
          },
        },
      ]));

  it('reminds every whole number of days the buyer’s timetable sets, if it sets one', () =>
    findingSpec
      .given(history(finding, [record]))
      .when(
        findingCommand(
          'ConfirmBreach',
          {
            findingId,
            reasons: 'documented by DanWatch',
            contractorId: 'dell',
            remedyTimetable: { ...remedyTimetable, remindStandstillDecisionEveryDays: 0 },
          },
          { ...officer, now: '2013-03-11T09:00:00.000Z' },
        ),
      )
      .thenFails('finding.remedy_timetable_invalid'));

  it('only the escalation ladder proposes, only for a confirmed breach, once, naming factories', () => {
    findingSpec
      .given(confirmed())
      .when(
        findingCommand(
          'ProposeSupplyStandstill',
          { findingId, factoryIds: ['f-shenzhen-1'], reasons: 'r' },
          { ...officer, now: '2013-05-06T09:00:00.000Z' },
        ),
      )
      .thenFails('standstill_proposal.ladder_only');
    findingSpec
      .given(history(finding, [record]))
      .when(propose())
      .thenFails('standstill_proposal.breach_not_confirmed');
    findingSpec
      .given(proposed())
      .when(propose('2013-05-07T09:00:00.000Z'))
      .thenFails('standstill_proposal.already_proposed');
    findingSpec
      .given(confirmed())
      .when(
        findingCommand(
          'ProposeSupplyStandstill',
          { findingId, factoryIds: [], reasons: 'r' },
          { ...ladder, now: '2013-05-06T09:00:00.000Z' },
        ),
      )
      .thenFails('standstill_proposal.factories_required');
  });

  it('reminds the officer of a proposal waiting for a decision, and of nothing else', () => {
    findingSpec
      .given(proposed())
      .when(remind())
      .then([
        {
          type: 'SupplyStandstillProposalReminderSent',
          data: { findingId, proposedAt: '2013-05-06T09:00:00.000Z', remindedAt: '2013-05-13T09:00:00.000Z' },
        },
      ]);
    findingSpec.given(confirmed()).when(remind()).thenFails('standstill_proposal.not_proposed');
  });

  it('the officer declines with reasons, recorded with who decided and when', () =>
    findingSpec
      .given(proposed())
      .when(decline())
      .then([
        {
          type: 'SupplyStandstillProposalDeclined',
          data: {
            findingId,
            reasons: 'the contractor agreed a plan the day after',
            decidedBy: 'officer-anna',
            decidedAt: '2013-05-14T10:30:00.000Z',
          },
        },
      ]));

  it('declining needs a compliance officer, reasons and a waiting proposal; nothing is reminded after it', () => {
    findingSpec
      .given(proposed())
      .when(decline('r', 'contract_manager'))
      .thenFails('standstill_proposal.compliance_officer_required');
    findingSpec.given(proposed()).when(decline('  ')).thenFails('standstill_proposal.reasons_required');
    findingSpec.given(confirmed()).when(decline()).thenFails('standstill_proposal.not_proposed');
    findingSpec
      .given(history(finding, [record, confirm, propose(), decline()]))
      .when(remind('2013-05-20T09:00:00.000Z'))
      .thenFails('standstill_proposal.not_proposed');
  });
});

describe('imposing and lifting a supply standstill', () => {
  const impose = (
    overrides: object = {},
    who: { role: 'compliance_officer' | 'workflow'; actorId: string } = officer,
    findingIds = [findingId],
  ) =>
    standstillCommand(
      'ImposeSupplyStandstill',
      {
        standstillId: `breach-${findingId}`,
        factoryId: 'f-shenzhen-1',
        caseId: 'scc-it-2012',
        contractorId: 'dell',
        findingIds,
        reasons: 'breaches documented by DanWatch not shown to be rectified',
        ...overrides,
      },
      { ...who, now: '2013-05-14T10:30:00.000Z' },
    );
  const note = (id: string, now = '2013-09-02T09:00:00.000Z') =>
    standstillCommand(
      'NoteVerifiedRemediation',
      { standstillId: `breach-${findingId}`, findingId: id, verificationRef: `audit-${id}`, verifiedBy: 'monitor-7' },
      { ...ladder, now },
    );
  const lift = standstillCommand(
    'LiftSupplyStandstill',
    { standstillId: `breach-${findingId}`, reasons: 'remediation verified' },
    { ...officer, now: '2013-09-03T09:00:00.000Z' },
  );

  it('the officer imposes it on the proposal, scoped to every contract of the buyer, and is recorded as who decided', () =>
    standstillSpec
      .given([])
      .when(impose({ scope: 'buyer', proposedBy: ladder.actorId }))
      .thenEmits(([event]) =>
        expect(event).toEqual({
          type: 'SupplyStandstillImposed',
          data: expect.objectContaining({
            scope: 'buyer',
            proposedBy: ladder.actorId,
            imposedBy: 'officer-anna',
            imposedAt: '2013-05-14T10:30:00.000Z',
          }),
        }),
      ));

  it('the escalation workflow may no longer impose one by itself', () =>
    standstillSpec.given([]).when(impose({}, ladder)).thenFails('supply_standstill.compliance_officer_required'));

  it('the scope is this contract or every contract of the buyer', () =>
    standstillSpec
      .given([])
      .when(impose({ scope: 'everything' }))
      .thenFails('supply_standstill.scope_invalid'));

  it('a standstill imposed before scopes existed reads as this contract’s and is lifted the same way', () => {
    const imposedLongAgo = history(supplyStandstill, [impose({}, officer)]);
    expect(imposedLongAgo[0]!.data).not.toHaveProperty('scope');
    standstillSpec
      .given(history(supplyStandstill, [impose(), note(findingId)]))
      .when(lift)
      .thenEmits(([event]) => expect(event.type).toBe('SupplyStandstillLifted'));
  });

  it('noting verified remediation tells which findings are still outstanding; lifting waits for the last', () => {
    const two = [findingId, 'danwatch-f-shenzhen-2'];
    standstillSpec
      .given(history(supplyStandstill, [impose({}, officer, two)]))
      .when(note(findingId))
      .thenEmits(([event]) => expect(event.data).toMatchObject({ outstandingFindingIds: ['danwatch-f-shenzhen-2'] }));
    standstillSpec
      .given(history(supplyStandstill, [impose({}, officer, two), note(findingId)]))
      .when(lift)
      .thenFails('supply_standstill.remediation_not_verified', (error) =>
        expect(error.details).toEqual({ outstandingFindingIds: ['danwatch-f-shenzhen-2'] }),
      );
    standstillSpec
      .given(history(supplyStandstill, [impose({}, officer, two), note(findingId)]))
      .when(note('danwatch-f-shenzhen-2', '2013-10-07T09:00:00.000Z'))
      .thenEmits(([event]) => expect(event.data).toMatchObject({ outstandingFindingIds: [] }));
  });
});
