import type { Decider, OfType } from '../decider';
import { entryFor } from '../decider';
import { refuseReadOnlyActor } from '../roles';
import { ownedStreamId } from '../stream-names';
import { awardAndStandstill, awardAndStandstillEvolvers } from './award-and-standstill';
import { bidsAndExclusion, bidsAndExclusionEvolvers } from './bids-and-exclusion';
import type { CaseCommandType, CaseDeciders, CaseEventType, CaseEvolvers, Decision, State } from './case-decision';
import { fail } from './case-decision';
import { closure, closureEvolvers } from './closure';
import type { ProcurementCaseCommand } from './commands';
import { contractPerformance, contractPerformanceEvolvers } from './contract-performance';
import type { ProcurementCaseEvent } from './events';
import { policyAndTender, policyAndTenderEvolvers } from './policy-and-tender';
import { documentRequestEvolvers, documentRequests } from './document-requests';
import { amendmentEvolvers, amendments } from './amendments';
import { caseDocumentEvolvers, caseDocuments } from './case-documents';
import type { ProcurementCaseState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export type { ProcurementCaseRuleCode } from './rule-codes';

// The procurement case from the buyer's policy to closure or termination: one stream per case. Each command
// is decided, and each event evolved, by one function in the file of its stage; this file only routes.

export const CASE_STREAM_PREFIX = 'procurement-case-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const procurementCaseStreamId = (organisationId: string, caseId: string) =>
  ownedStreamId(CASE_STREAM_PREFIX, organisationId, caseId);

/** Every command has exactly one decider: the compiler refuses a missing or a misspelled one. */
const deciders: CaseDeciders<CaseCommandType> = {
  ...policyAndTender,
  ...bidsAndExclusion,
  ...awardAndStandstill,
  ...contractPerformance,
  ...documentRequests,
  ...amendments,
  ...caseDocuments,
  ...closure,
};

const evolvers: CaseEvolvers<CaseEventType> = {
  ...policyAndTenderEvolvers,
  ...bidsAndExclusionEvolvers,
  ...awardAndStandstillEvolvers,
  ...contractPerformanceEvolvers,
  ...documentRequestEvolvers,
  ...amendmentEvolvers,
  ...caseDocumentEvolvers,
  ...closureEvolvers,
};

const decideByType = <T extends CaseCommandType>(
  type: T,
  command: OfType<ProcurementCaseCommand, T>,
  state: State,
): Decision => entryFor(deciders, type, command)(command, state);

const evolveByType = <T extends CaseEventType>(type: T, state: State, event: OfType<ProcurementCaseEvent, T>): State =>
  entryFor(evolvers, type, event)(state, event);

export function decideProcurementCase(command: ProcurementCaseCommand, state: State): Decision {
  const readOnly = refuseReadOnlyActor(command.metadata);
  if (readOnly) return readOnly;
  if (state.status !== 'not_opened' && command.data.caseId !== state.caseId)
    return fail('case.id_mismatch', `command is for case ${command.data.caseId}, stream holds ${state.caseId}`);
  return decideByType(command.type, command, state);
}

export function evolveProcurementCase(state: State, event: ProcurementCaseEvent): State {
  return evolveByType(event.type, state, event);
}

export const procurementCase: Decider<ProcurementCaseState, ProcurementCaseCommand, ProcurementCaseEvent> = {
  initialState: () => ({ status: 'not_opened' }),
  decide: decideProcurementCase,
  evolve: evolveProcurementCase,
};
