import type { OfType } from './decider';
import type { FactoryCommand, FactoryEvent, FactoryRuleCode } from './factory-registry';
import type { FindingCommand, FindingEvent, FindingRuleCode } from './finding';
import type { GrievanceCommand, GrievanceEvent, GrievanceRuleCode } from './grievance';
import type { ProcurementCaseCommand, ProcurementCaseEvent, ProcurementCaseRuleCode } from './procurement-case';
import type {
  PurchasingPracticeReviewCommand,
  PurchasingPracticeReviewEvent,
  PurchasingPracticeReviewRuleCode,
} from './purchasing-practice';
import type { RiskListCommand, RiskListEvent, RiskListRuleCode } from './risk-list';
import type {
  CooperativeContractCommand,
  CooperativeContractEvent,
  CooperativeContractRuleCode,
} from './cooperative-contract';
import type { SupplyStandstillCommand, SupplyStandstillEvent, SupplyStandstillRuleCode } from './supply-standstill';

// The domain's commands, events and rule codes by aggregate, keyed as the application names its aggregates,
// so that code outside the domain can name one command or event by its type and the compiler checks the name.

export interface CommandsByAggregate {
  procurementCase: ProcurementCaseCommand;
  factory: FactoryCommand;
  finding: FindingCommand;
  grievance: GrievanceCommand;
  supplyStandstill: SupplyStandstillCommand;
  purchasingPracticeReview: PurchasingPracticeReviewCommand;
  riskList: RiskListCommand;
  cooperativeContract: CooperativeContractCommand;
}

export interface EventsByAggregate {
  procurementCase: ProcurementCaseEvent;
  factory: FactoryEvent;
  finding: FindingEvent;
  grievance: GrievanceEvent;
  supplyStandstill: SupplyStandstillEvent;
  purchasingPracticeReview: PurchasingPracticeReviewEvent;
  riskList: RiskListEvent;
  cooperativeContract: CooperativeContractEvent;
}

export interface RuleCodesByAggregate {
  procurementCase: ProcurementCaseRuleCode;
  factory: FactoryRuleCode;
  finding: FindingRuleCode;
  grievance: GrievanceRuleCode;
  supplyStandstill: SupplyStandstillRuleCode;
  purchasingPracticeReview: PurchasingPracticeReviewRuleCode;
  riskList: RiskListRuleCode;
  cooperativeContract: CooperativeContractRuleCode;
}

/** Any command of any aggregate. */
export type AnyCommand = CommandsByAggregate[keyof CommandsByAggregate];
/** Any event of any aggregate, as the domain decides it (current schema version). */
export type AnyEvent = EventsByAggregate[keyof EventsByAggregate];
/** Any rule code a decider answers with. */
export type RuleCode = RuleCodesByAggregate[keyof RuleCodesByAggregate];

export type CommandType = AnyCommand['type'];
export type EventType = AnyEvent['type'];

/** One command by its type, e.g. `CommandOfType<'SubmitBid'>`. */
export type CommandOfType<T extends CommandType> = OfType<AnyCommand, T>;
/** One event by its type, e.g. `EventOfType<'BidSubmitted'>`. */
export type EventOfType<T extends EventType> = OfType<AnyEvent, T>;
