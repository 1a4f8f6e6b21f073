import { isBlank } from '../roles';
import type * as C from './commands';
import { escalationLadder } from './commands';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import { fail, wrongPhase } from './case-decision';

// Stage 5, closure: the contract ends, either closed in the ordinary way or terminated as a last resort.

function terminateContract(command: C.TerminateContract, state: State): Decision {
  const { metadata } = command;
  if (state.status !== 'in_performance') return wrongPhase(state, 'terminate the contract', ['in_performance']);
  // Never automatic: a workflow may propose, only a compliance officer decides.
  if (metadata.actor.role !== 'compliance_officer')
    return fail('termination.compliance_officer_required', 'only a compliance officer can decide termination', {
      role: metadata.actor.role,
    });
  const { reasons, findingId, urgencyJustification } = command.data;
  if (isBlank(reasons)) return fail('termination.reasons_required', 'termination needs reasons');
  const ladderFollowed =
    findingId !== undefined && (state.contract.escalations[findingId] ?? []).length === escalationLadder.length;
  if (!ladderFollowed && isBlank(urgencyJustification))
    return fail(
      'termination.escalation_ladder_incomplete',
      'termination is a last resort: follow the escalation ladder or record why it is urgent',
      { ladder: escalationLadder, taken: findingId ? (state.contract.escalations[findingId] ?? []) : [] },
    );
  return [
    {
      type: 'ContractTerminated',
      data: {
        caseId: state.caseId,
        contractId: state.contract.contractId,
        reasons,
        ...(findingId !== undefined ? { findingId } : {}),
        ...(!isBlank(urgencyJustification) ? { urgencyJustification } : {}),
        decidedBy: metadata.actor.id,
        decidedByRole: metadata.actor.role,
        terminatedAt: metadata.now,
      },
    },
  ];
}

function closeContract(command: C.CloseContract, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'in_performance') return wrongPhase(state, 'close the contract', ['in_performance']);
  if (isBlank(command.data.reasons)) return fail('contract.reasons_required', 'say why the contract is closed');
  return [
    {
      type: 'ContractClosed',
      data: {
        caseId: state.caseId,
        contractId: state.contract.contractId,
        reasons: command.data.reasons,
        closedAt: now,
      },
    },
  ];
}

export const closure: CaseDeciders<'TerminateContract' | 'CloseContract'> = {
  TerminateContract: terminateContract,
  CloseContract: closeContract,
};

export const closureEvolvers: CaseEvolvers<'ContractTerminated' | 'ContractClosed'> = {
  ContractTerminated: (state) => (state.status === 'in_performance' ? { ...state, status: 'terminated' } : state),
  ContractClosed: (state) => (state.status === 'in_performance' ? { ...state, status: 'closed' } : state),
};
