import { proxyActivities } from '@temporalio/workflow';
import type { BuyerSettingsActivities, CommandOn } from '@pj/contracts';
import type { DecisionRecorder } from './decision-recorder';
import { domainRefusal } from './domain-refusal';

const { clauseBreachRemedyTimetable } = proxyActivities<BuyerSettingsActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface ContractClauseBreach {
  readonly organisationId: string;
  readonly caseId: string;
  readonly findingId: string;
  readonly contractorId: string;
  readonly standardBreached: string;
  readonly description: string;
  readonly reasons: string;
  /** Prefix of the two command ids, unique to the workflow and the breach. */
  readonly commandIdPrefix: string;
}

/**
 * A necessary step of the contract missed on the contract's own record (a disclosure ratchet, a
 * request for documents left unanswered): a finding on the contract (source contract_clause, no
 * factory), confirmed against the contractor with the buyer's clause-breach remedy timetable. Its
 * BreachConfirmed starts the breach-escalation workflow, whose ladder takes it from there. A retry
 * after either step landed records nothing twice.
 */
export async function openContractClauseBreach(
  recorder: DecisionRecorder,
  breach: ContractClauseBreach,
): Promise<void> {
  const { findingId, caseId } = breach;
  const onFinding = async (step: string, command: CommandOn<'finding'>, tolerated: string) => {
    try {
      await recorder.record(
        { aggregate: 'finding', aggregateId: findingId, ...command },
        { commandId: `${breach.commandIdPrefix}/${step}` },
      );
    } catch (error) {
      if (domainRefusal(error)?.code !== tolerated) throw error;
    }
  };
  await onFinding(
    'finding',
    {
      type: 'RecordFinding',
      data: {
        findingId,
        caseId,
        source: 'contract_clause',
        severity: 'medium',
        standardBreached: breach.standardBreached,
        workersAffected: 0,
        description: breach.description,
        evidenceRefs: [],
        shareableWithOtherBuyers: false,
      },
    },
    'finding.already_recorded',
  );
  const remedyTimetable = await clauseBreachRemedyTimetable(breach.organisationId);
  await onFinding(
    'breach',
    {
      type: 'ConfirmBreach',
      data: { findingId, caseId, contractorId: breach.contractorId, reasons: breach.reasons, remedyTimetable },
    },
    'finding.already_confirmed',
  );
}
