import type { Activities } from '@pj/contracts';
import { createDomainCommandActivities, type ActivityDependencies } from './domain-command.activities';
import { createRiskScreeningActivities } from './risk-screening.activities';
import { createDueDiligenceActivities } from './due-diligence.activities';
import { createBuyerSettingsActivities } from './buyer-settings.activities';
import { createContractDisclosureActivities } from './contract-disclosure.activities';
import { createNotificationActivities } from './notification.activities';

export type { ActivityDependencies } from './domain-command.activities';

/** Every activity the worker hosts, built from their dependencies (no globals). */
export function createActivities(dependencies: ActivityDependencies): Activities {
  return {
    ...createDomainCommandActivities(dependencies),
    ...createRiskScreeningActivities(dependencies),
    ...createDueDiligenceActivities(dependencies),
    ...createContractDisclosureActivities(dependencies),
    ...createBuyerSettingsActivities(dependencies),
    ...createNotificationActivities(dependencies.notifications),
  };
}
