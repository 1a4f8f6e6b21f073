import type { OfType } from '../decider';
import { DomainError } from '../domain-error';
import type { ProcurementCaseCommand } from './commands';
import type { ProcurementCaseEvent } from './events';
import type { ProcurementCaseRuleCode } from './rule-codes';
import type { Bid, Complaint, ComplaintStatus, Contract, ProcurementCaseState, TenderFile } from './state';

// What the case's deciders and evolvers share, stage by stage: their shapes and the rules every stage uses.

export type State = ProcurementCaseState;
export type Decision = readonly ProcurementCaseEvent[] | DomainError;
export type WithTender = Extract<State, TenderFile>;
export type InPerformance = Extract<State, { status: 'in_performance' }>;

export type CaseCommandType = ProcurementCaseCommand['type'];
export type CaseEventType = ProcurementCaseEvent['type'];

/** One function per command: the events it causes, or the rule it breaks. */
export type CaseDeciders<T extends CaseCommandType> = {
  readonly [K in T]: (command: OfType<ProcurementCaseCommand, K>, state: State) => Decision;
};

/** One function per event: the state after it. */
export type CaseEvolvers<T extends CaseEventType> = {
  readonly [K in T]: (state: State, event: OfType<ProcurementCaseEvent, K>) => State;
};

export const fail = (code: ProcurementCaseRuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

export function wrongPhase(state: State, action: string, expected: readonly string[]): DomainError {
  if (state.status === 'not_opened') return fail('case.not_found', 'the case has not been opened');
  return fail('case.wrong_phase', `cannot ${action} while the case is ${state.status}`, {
    status: state.status,
    expected,
  });
}

export function findBid(state: TenderFile, bidId: string): Bid | DomainError {
  return state.bids[bidId] ?? fail('bid.not_found', `no bid ${bidId} in this case`, { bidId });
}

export const isShare = (percent: number) => Number.isFinite(percent) && percent >= 0 && percent <= 100;

/** Events that leave the state as it is: they are on record, nothing the decider checks depends on them. */
export const unchanged = (state: State): State => state;

export const hasTender = (state: State): state is WithTender => 'tender' in state;

export function updateBid(state: WithTender, bidId: string, change: (bid: Bid) => Partial<Bid>): State {
  const bid = state.bids[bidId];
  if (!bid) return state;
  return { ...state, bids: { ...state.bids, [bidId]: { ...bid, ...change(bid) } } };
}

/** Changes one bid when the case has bids; otherwise the event does not apply. */
export const onBid = (state: State, bidId: string, change: (bid: Bid) => Partial<Bid>): State =>
  hasTender(state) ? updateBid(state, bidId, change) : state;

export function updateContract(state: InPerformance, change: (contract: Contract) => Partial<Contract>): State {
  return { ...state, contract: { ...state.contract, ...change(state.contract) } };
}

/** Changes the contract when the case is in performance; otherwise the event does not apply. */
export const onContract = (state: State, change: (contract: Contract) => Partial<Contract>): State =>
  state.status === 'in_performance' ? updateContract(state, change) : state;

export function setComplaintStatus(state: State, complaintId: string, status: ComplaintStatus): State {
  if (!('complaints' in state)) return state;
  const complaint = state.complaints[complaintId];
  if (!complaint) return state;
  return { ...state, complaints: { ...state.complaints, [complaintId]: { ...complaint, status } } };
}

/** Excluded or rejected bids can be neither evaluated nor awarded. */
export function ineligibility(bid: Bid, action: 'evaluation' | 'award'): DomainError | undefined {
  if (bid.rejected) return fail(`${action}.bid_rejected`, `bid ${bid.bidId} was rejected`, { bidId: bid.bidId });
  if (bid.exclusion)
    return fail(
      `${action}.bidder_excluded`,
      `the bidder of ${bid.bidId} is excluded until ${bid.exclusion.excludedUntil}`,
      {
        bidId: bid.bidId,
      },
    );
  return undefined;
}

const complaintTransitions: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  submitted: ['accepted', 'dismissed', 'withdrawn'],
  accepted: ['upheld', 'dismissed', 'withdrawn'],
  upheld: [],
  dismissed: [],
  withdrawn: [],
};

export function moveComplaint(state: State, complaintId: string, to: ComplaintStatus): Complaint | DomainError {
  if (!('complaints' in state)) return wrongPhase(state, 'handle a complaint', ['evaluation', 'awarded']);
  const complaint = state.complaints[complaintId];
  if (!complaint) return fail('complaint.not_found', `no complaint ${complaintId} in this case`, { complaintId });
  if (!complaintTransitions[complaint.status].includes(to))
    return fail('complaint.invalid_transition', `a ${complaint.status} complaint cannot become ${to}`, {
      complaintId,
      from: complaint.status,
      to,
    });
  return complaint;
}

/** Complaint events name the award whose signature they hold back, so its workflow hears of them. */
export const awardUnderStandstill = (state: State): { awardId?: string } =>
  state.status === 'awarded' ? { awardId: state.award.awardId } : {};
