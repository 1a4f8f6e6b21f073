import {
  DomainError,
  factoryRegistry,
  factoryStreamId,
  finding,
  findingStreamId,
  procurementCase,
  procurementCaseStreamId,
  supplyStandstill,
  supplyStandstillStreamId,
  type Command,
  type Decider,
  type Event,
} from '../src';
import type { Role } from '../src/roles';
import {
  addCalendarDays,
  buyer,
  caseCommand,
  caseId,
  factoryCommand,
  findingCommand,
  signed,
  signedAt,
  standstillCommand,
} from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// Stockholm County Council and Dell, 2013 (seeds/learning-lab-second-workshop-2016.txt): an NGO
// report (DanWatch) documents abuses in Chinese factories making the computers bought; the council
// orders a standstill on those factories; Dell discloses the documents, audits follow under the
// council's third-party monitoring, remediation is verified and the standstill lifted.

/** The streams of one journey, kept as an application would: load, decide, append. */
class Journey {
  readonly streams = new Map<string, Event[]>();
  send<S, C extends Command, E extends Event>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C,
  ): readonly E[] | DomainError {
    const history = (this.streams.get(streamId) ?? []) as E[];
    const result = decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
    if (!(result instanceof DomainError)) this.streams.set(streamId, [...history, ...result]);
    return result;
  }
  ok<S, C extends Command, E extends Event>(decider: Decider<S, C, E>, streamId: string, command: C): readonly E[] {
    const result = this.send(decider, streamId, command);
    if (result instanceof DomainError) throw new Error(`${command.type}: ${result.code}`);
    return result;
  }
  types(streamId: string) {
    return (this.streams.get(streamId) ?? []).map((event) => event.type);
  }
}

const at = (days: number) => addCalendarDays(signedAt, days);
const officer = (days: number) => ({ now: at(days), role: 'compliance_officer' as Role, actorId: 'scc-compliance' });
const factories = ['f-shenzhen-1', 'f-shenzhen-2'];

describe('Stockholm County Council and Dell', () => {
  it('from an NGO report to a lifted supply standstill', () => {
    const journey = new Journey();
    journey.streams.set(procurementCaseStreamId(buyer, caseId), signed());

    for (const factoryId of factories)
      journey.ok(
        factoryRegistry,
        factoryStreamId(factoryId),
        factoryCommand('RegisterFactory', {
          factoryId,
          name: factoryId,
          address: 'Shenzhen, Guangdong',
          country: 'CN',
          tier: 1,
          products: ['laptops'],
          numberOfWorkers: 4_000,
        }),
      );

    // DanWatch's report becomes one finding per factory.
    for (const factoryId of factories)
      journey.ok(
        finding,
        findingStreamId(buyer, `danwatch-${factoryId}`),
        findingCommand(
          'RecordFinding',
          {
            findingId: `danwatch-${factoryId}`,
            factoryId,
            caseId,
            source: 'ngo_report',
            severity: 'high',
            standardBreached: 'ILO C1 hours of work; legal minimum wage',
            workersAffected: 300,
            description: 'up to 74-hour weeks, forced overtime, wages below the legal minimum',
            evidenceRefs: ['danwatch-2013-report'],
            shareableWithOtherBuyers: true,
          },
          officer(1),
        ),
      );
    for (const factoryId of factories)
      journey.ok(
        finding,
        findingStreamId(buyer, `danwatch-${factoryId}`),
        findingCommand(
          'ConfirmBreach',
          {
            findingId: `danwatch-${factoryId}`,
            reasons: 'conditions breach the code of conduct in the purchase contract',
            contractorId: 'atea',
            remedyTimetable,
          },
          officer(5),
        ),
      );

    // Dell refuses the documents: the ladder is climbed, then the standstill ordered.
    for (const [days, step] of [
      [10, 'reminder'],
      [20, 'escalated_to_compliance_officer'],
      [30, 'supply_standstill'],
    ] as const)
      journey.ok(
        procurementCase,
        procurementCaseStreamId(buyer, caseId),
        caseCommand(
          'EscalateBreach',
          {
            caseId,
            findingId: 'danwatch-f-shenzhen-1',
            step,
            note: 'audit reports not provided',
          },
          officer(days),
        ),
      );
    for (const factoryId of factories)
      journey.ok(
        supplyStandstill,
        supplyStandstillStreamId(buyer, `scc-${factoryId}`),
        standstillCommand(
          'ImposeSupplyStandstill',
          {
            standstillId: `scc-${factoryId}`,
            factoryId,
            caseId,
            contractorId: 'atea',
            findingIds: [`danwatch-${factoryId}`],
            reasons: 'breaches documented by DanWatch not shown to be rectified',
          },
          officer(30),
        ),
      );

    // A standstill cannot be lifted on a promise.
    const early = journey.send(
      supplyStandstill,
      supplyStandstillStreamId(buyer, 'scc-f-shenzhen-1'),
      standstillCommand(
        'LiftSupplyStandstill',
        { standstillId: 'scc-f-shenzhen-1', reasons: 'Dell promises change' },
        officer(31),
      ),
    );
    expect(early).toMatchObject({ code: 'supply_standstill.remediation_not_verified' });

    for (const factoryId of factories) {
      const findingId = `danwatch-${factoryId}`;
      const stream = findingStreamId(buyer, findingId);
      journey.ok(
        finding,
        stream,
        findingCommand(
          'AddFindingEvidence',
          { findingId, evidenceRef: 'dell-documents-nda', kind: 'contractor_documents', note: 'disclosed under NDA' },
          { now: at(40), role: 'supplier' },
        ),
      );
      journey.ok(
        finding,
        stream,
        findingCommand(
          'AgreeCorrectiveActionPlan',
          {
            findingId,
            planId: `cap-${factoryId}`,
            deadline: at(200),
            actions: [
              {
                actionId: 'hours',
                action: 'cap weekly hours at 60 including overtime',
                forAffectedWorkers: false,
                responsibleParty: 'Dell',
                verificationMethod: 'EICC audit monitored by a third party for the council',
                deadline: at(150),
                consequenceIfNotDone: 'termination proposal',
              },
              {
                actionId: 'wages',
                action: 'pay wage arrears to the legal minimum',
                forAffectedWorkers: true,
                responsibleParty: 'Dell',
                verificationMethod: 'payroll review and worker interviews',
                deadline: at(150),
                consequenceIfNotDone: 'termination proposal',
              },
            ],
          },
          officer(45),
        ),
      );
      journey.ok(
        finding,
        stream,
        findingCommand(
          'AddFindingEvidence',
          {
            findingId,
            evidenceRef: `eicc-audit-${factoryId}`,
            kind: 'audit_report',
            note: 'monitored by a third party for the council',
          },
          { now: at(160), role: 'monitor' },
        ),
      );
      journey.ok(
        finding,
        stream,
        findingCommand(
          'RecordRemedyToWorkers',
          {
            findingId,
            remedyId: `arrears-${factoryId}`,
            kind: 'back_pay',
            workersCovered: 300,
            amount: 150_000,
            currency: 'CNY',
            description: 'wage arrears',
          },
          { now: at(160) },
        ),
      );
      journey.ok(
        finding,
        stream,
        findingCommand(
          'RecordRemediationResult',
          { findingId, result: 'complete', assessment: 'both audits confirm', actionsCompleted: ['hours', 'wages'] },
          officer(165),
        ),
      );
      const [verified] = journey.ok(
        finding,
        stream,
        findingCommand(
          'VerifyRemediation',
          {
            findingId,
            verifiedBy: 'Electronics Watch monitor',
            method: 'worker interviews off site',
            verificationRef: `verification-${factoryId}`,
          },
          { now: at(170), role: 'monitor' },
        ),
      );
      // The workflow that reacts to RemediationVerified notes it on the standstill.
      if (verified.type !== 'RemediationVerified') throw new Error('expected RemediationVerified');
      journey.ok(
        supplyStandstill,
        supplyStandstillStreamId(buyer, `scc-${factoryId}`),
        standstillCommand(
          'NoteVerifiedRemediation',
          {
            standstillId: `scc-${factoryId}`,
            findingId,
            verificationRef: verified.data.verificationRef,
            verifiedBy: verified.data.verifiedBy,
          },
          { now: at(171), role: 'workflow' },
        ),
      );
      journey.ok(
        supplyStandstill,
        supplyStandstillStreamId(buyer, `scc-${factoryId}`),
        standstillCommand(
          'LiftSupplyStandstill',
          {
            standstillId: `scc-${factoryId}`,
            reasons: 'remediation verified by independent monitoring',
          },
          officer(172),
        ),
      );
    }

    for (const factoryId of factories)
      expect(journey.types(supplyStandstillStreamId(buyer, `scc-${factoryId}`))).toEqual([
        'SupplyStandstillImposed',
        'StandstillRemediationVerified',
        'SupplyStandstillLifted',
      ]);
    expect(journey.types(findingStreamId(buyer, 'danwatch-f-shenzhen-1'))).toEqual([
      'FindingRecorded',
      'BreachConfirmed',
      'FindingEvidenceAdded',
      'CorrectiveActionPlanAgreed',
      'FindingEvidenceAdded',
      'RemedyToWorkersRecorded',
      'RemediationResultRecorded',
      'RemediationVerified',
    ]);
    // The contract was never terminated: remediation, not exit.
    expect(journey.types(procurementCaseStreamId(buyer, caseId))).not.toContain('ContractTerminated');
  });
});
