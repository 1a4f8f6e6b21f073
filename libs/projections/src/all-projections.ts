import { caseProjection, caseTimelineProjection } from './case-projections';
import { escalationProjection } from './escalation-projection';
import { grievanceProjection } from './grievance-projection';
import { inboxProjection } from './inbox-projection';
import type { Projection } from './projection';
import { registryProjection } from './registry-projection';

/** Every read model the engine keeps: run by the API's projection runner, rebuilt by the CLI. */
export const readModelProjections: readonly Projection[] = [
  caseProjection,
  caseTimelineProjection,
  escalationProjection,
  registryProjection,
  grievanceProjection,
  inboxProjection,
];
