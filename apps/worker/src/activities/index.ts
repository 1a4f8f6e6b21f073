import { createRiskScreeningActivities, type ActivityDependencies } from './risk-screening.activities';

export type { ActivityDependencies } from './risk-screening.activities';

/** Every activity the worker hosts, built from their dependencies (no globals). */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createRiskScreeningActivities(dependencies),
  };
}
