import { bidProjection } from './bid-projection';
import { caseProjection, caseTimelineProjection } from './case-projections';
import { complaintProjection } from './complaint-projection';
import { documentRequestProjection } from './document-request-projection';
import { documentProjection } from './document-projection';
import { dueDiligenceProjection } from './due-diligence-projection';
import { escalationProjection } from './escalation-projection';
import { findingProjection } from './finding-projection';
import { grievanceProjection } from './grievance-projection';
import { inboxProjection } from './inbox-projection';
import type { Projection } from './projection';
import { purchasingPracticeReviewProjection } from './purchasing-practice-review-projection';
import { registryProjection } from './registry-projection';
import { supplyStandstillProjection } from './supply-standstill-projection';

/** Every read model the engine keeps: run by the API's projection runner, rebuilt by the CLI. */
export const readModelProjections: readonly Projection[] = [
  caseProjection,
  caseTimelineProjection,
  escalationProjection,
  registryProjection,
  grievanceProjection,
  inboxProjection,
  findingProjection,
  supplyStandstillProjection,
  purchasingPracticeReviewProjection,
  bidProjection,
  complaintProjection,
  dueDiligenceProjection,
  documentRequestProjection,
  documentProjection,
];
