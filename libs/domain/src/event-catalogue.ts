import { factoryEventTypes } from './factory-registry';
import { findingEventTypes } from './finding';
import { grievanceEventTypes } from './grievance';
import { procurementCaseEventTypes } from './procurement-case';
import { purchasingPracticeReviewEventTypes } from './purchasing-practice';
import { riskListEventTypes } from './risk-list';
import { supplyStandstillEventTypes } from './supply-standstill';
import { cooperativeContractEventTypes } from './cooperative-contract';

/** Every event type the domain emits, by aggregate: the runtime list docs/domain.md is checked against. */
export const eventTypesByAggregate = {
  'procurement case': procurementCaseEventTypes,
  factory: factoryEventTypes,
  finding: findingEventTypes,
  grievance: grievanceEventTypes,
  'supply standstill': supplyStandstillEventTypes,
  'purchasing-practice review': purchasingPracticeReviewEventTypes,
  'risk list': riskListEventTypes,
  'cooperative contract': cooperativeContractEventTypes,
} as const;

export const domainEventTypes: readonly string[] = Object.values(eventTypesByAggregate).flat();
