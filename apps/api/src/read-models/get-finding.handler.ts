import { Inject } from '@nestjs/common';
import { NotFoundError } from '../errors/request-errors';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import { findingDetailList, remedyList, type FindingDetail, type RemedyView } from './finding.views';
import { readFields, selectFields } from './lists/list-spec';
import { findInList } from './lists/run-list';
import { GetFindingQuery } from './get-finding.query';

/**
 * One finding as the caller may see it (the findings list's scope: a supplier's, a monitor's), with
 * its breach, plan, remedies, remediation, verification and how it ended. Suppliers are not shown
 * the evidence nor who reported: either may point at the workers who spoke.
 */
@QueryHandler(GetFindingQuery)
export class GetFindingHandler implements IQueryHandler<GetFindingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ findingId, caller }: GetFindingQuery): Promise<FindingDetail> {
    const row = await findInList(this.db, findingDetailList, findingId, caller);
    if (!row) throw new NotFoundError('finding', findingId);
    const remedies = (
      await this.db.query<Record<string, unknown>>(
        `SELECT ${selectFields(remedyList.fields)} FROM ${remedyList.from}
          WHERE r.organisation_id = $1 AND r.finding_id = $2 ORDER BY r.recorded_at, r.remedy_id`,
        [caller.organisationId, findingId],
      )
    ).map((remedy) => readFields(remedyList.fields, remedy) as RemedyView);
    const {
      recordedBy,
      state,
      breachReasons,
      confirmedBy,
      confirmedAt,
      planRequestedAt,
      planDueBy,
      planSubmittedAt,
      planSubmittedBy,
      planId,
      planAgreedAt,
      planDeadline,
      remediationResult,
      remediationAssessment,
      remediationRecordedAt,
      verifiedBy,
      verificationMethod,
      verificationRef,
      terminationDeclinedReasons,
      terminationDeclinedAt,
      dismissalReasons,
      dismissedBy,
      dismissedAt,
      closureReasons,
      closedBy,
      closedAt,
      ...finding
    } = row;
    const supplier = caller.role === 'supplier';
    return {
      ...finding,
      recordedBy: supplier ? null : recordedBy,
      evidenceRefs: supplier ? null : [...(state.evidenceRefs ?? [])],
      breach:
        confirmedAt && finding.caseId && finding.contractorId
          ? {
              caseId: finding.caseId,
              contractorId: finding.contractorId,
              reasons: breachReasons ?? '',
              confirmedBy: confirmedBy ?? '',
              confirmedAt,
            }
          : null,
      correctiveActionPlan: finding.planStatus
        ? {
            status: finding.planStatus,
            requestedAt: planRequestedAt,
            dueBy: planDueBy,
            submittedAt: planSubmittedAt,
            submittedBy: planSubmittedBy,
            // The submitted plan's, while it waits for approval.
            planId: planId ?? state.planRequest?.submitted?.planId ?? null,
            agreedAt: planAgreedAt,
            deadline: planDeadline ?? state.planRequest?.submitted?.deadline ?? null,
            deadlineMissed: state.plan?.deadlineMissed ?? false,
            actions: [...(state.plan?.actions ?? state.planRequest?.submitted?.actions ?? [])],
          }
        : null,
      remedies,
      remediation:
        remediationResult && remediationRecordedAt
          ? { result: remediationResult, assessment: remediationAssessment ?? '', recordedAt: remediationRecordedAt }
          : null,
      verification:
        verifiedBy && finding.verifiedAt
          ? {
              verifiedBy,
              method: verificationMethod ?? '',
              verificationRef: verificationRef ?? '',
              verifiedAt: finding.verifiedAt,
            }
          : null,
      standstillProposal: state.standstillProposal ?? null,
      terminationDeclined:
        terminationDeclinedReasons && terminationDeclinedAt
          ? { reasons: terminationDeclinedReasons, by: null, at: terminationDeclinedAt }
          : null,
      dismissal:
        dismissalReasons && dismissedAt ? { reasons: dismissalReasons, by: dismissedBy, at: dismissedAt } : null,
      closure: closureReasons && closedAt ? { reasons: closureReasons, by: closedBy, at: closedAt } : null,
    };
  }
}
