import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  acknowledgeGrievanceUpdate,
  decidedEvent,
  grievanceIntakeStatusQuery,
  triageGrievanceUpdate,
  type GrievanceIntakeInput,
  type GrievanceIntakeResult,
  type GrievanceIntakeStep,
} from '@pj/contracts';
import { decisionRecorder, isBlank, msUntil, reject } from './decision-recorder';

/**
 * One per grievance (id `grievance-intake:<organisation>/<grievanceId>`), started on GrievanceSubmitted. The worker
 * must be acknowledged by `acknowledgeBy` (the buyer's policy); a severe grievance, or one whose
 * acknowledgement is overdue, goes to a compliance officer, who alone may then triage it. Triage
 * records protection against retaliation and starts an investigation (a new finding) or joins an
 * existing one. The intake ends when the worker is acknowledged and the grievance referred.
 */
export async function grievanceIntakeWorkflow(input: GrievanceIntakeInput): Promise<GrievanceIntakeResult> {
  const { grievanceId } = input;

  let step: GrievanceIntakeStep = 'awaiting_acknowledgement';
  let acknowledged = false;
  let acknowledgedLate = false;
  let acknowledgementOverdue = false;
  let handledBy: GrievanceIntakeResult['handledBy'] = 'intake';
  let referral: { findingId: string; investigation: 'new' | 'joined' } | undefined;
  let triaging = false;

  const { record, recordFor } = decisionRecorder(input);
  const escalate = async (reason: 'severe' | 'acknowledgement_overdue') => {
    await record({
      aggregate: 'grievance',
      aggregateId: grievanceId,
      type: 'EscalateGrievance',
      data: { grievanceId, reason },
    });
    handledBy = 'compliance_officer';
  };
  const withComplianceOfficer = () => handledBy === 'compliance_officer';
  const staff = () =>
    handledBy === 'compliance_officer' ? ['compliance_officer'] : ['compliance_officer', 'contract_manager'];

  setHandler(grievanceIntakeStatusQuery, () => ({
    grievanceId,
    step,
    ...(!acknowledged ? { nextDeadline: input.acknowledgeBy, nextDeadlineKind: 'acknowledgement' as const } : {}),
    acknowledged,
    acknowledgementOverdue,
    handledBy,
    ...(referral ? { findingId: referral.findingId } : {}),
  }));

  setHandler(
    acknowledgeGrievanceUpdate,
    async ({ actor, message }) => {
      const acknowledgement = await recordFor(
        actor,
        {
          aggregate: 'grievance',
          aggregateId: grievanceId,
          type: 'AcknowledgeGrievance',
          data: { grievanceId, message },
        },
        0,
      );
      acknowledged = true;
      acknowledgedLate = decidedEvent(acknowledgement, 'GrievanceAcknowledged')?.data.late ?? false;
      if (!referral) step = 'awaiting_triage';
    },
    {
      validator: ({ actor }) => {
        if (!actor || isBlank(actor.id)) reject('name the person acknowledging');
        if (!['compliance_officer', 'contract_manager', 'monitor'].includes(actor.role))
          reject(`a ${actor.role} cannot acknowledge a grievance`);
        if (acknowledged) reject('the worker has been acknowledged');
      },
    },
  );

  setHandler(
    triageGrievanceUpdate,
    async ({ actor, protection, investigation }) => {
      triaging = true;
      try {
        const evidenceRef = `grievance:${grievanceId}`;
        if (investigation.kind === 'new')
          await recordFor(
            actor,
            {
              aggregate: 'finding',
              aggregateId: investigation.findingId,
              type: 'RecordFinding',
              data: {
                findingId: investigation.findingId,
                factoryId: input.factoryId,
                ...(input.caseId ? { caseId: input.caseId } : {}),
                source: 'grievance',
                severity: input.severity,
                standardBreached: investigation.standardBreached,
                workersAffected: input.workersConcerned,
                description: investigation.description,
                evidenceRefs: [evidenceRef],
                shareableWithOtherBuyers: false,
              },
            },
            1,
          );
        // Joining: the finding must exist, or the domain refuses and the update fails.
        else
          await recordFor(
            actor,
            {
              aggregate: 'finding',
              aggregateId: investigation.findingId,
              type: 'AddFindingEvidence',
              data: {
                findingId: investigation.findingId,
                evidenceRef,
                kind: 'worker_testimony',
                note: investigation.note,
              },
            },
            1,
          );
        // Protection before referral; after the finding check, so a refused join records nothing.
        await recordFor(
          actor,
          {
            aggregate: 'grievance',
            aggregateId: grievanceId,
            type: 'RecordRetaliationProtection',
            data: { grievanceId, ...protection },
          },
          0,
        );
        await recordFor(
          actor,
          {
            aggregate: 'grievance',
            aggregateId: grievanceId,
            type: 'ReferGrievanceToFinding',
            data: {
              grievanceId,
              findingId: investigation.findingId,
            },
          },
          2,
        );
        referral = {
          findingId: investigation.findingId,
          investigation: investigation.kind === 'new' ? 'new' : 'joined',
        };
        step = acknowledged ? 'referred' : step;
      } finally {
        triaging = false;
      }
    },
    {
      validator: ({ actor, protection, investigation }) => {
        if (!actor || isBlank(actor.id)) reject('name the person triaging');
        const allowed = staff();
        if (!allowed.includes(actor.role))
          reject(`this grievance is handled by ${allowed.join(' or ')}, not ${actor.role}`);
        if (referral || triaging) reject('the grievance is already referred');
        // The decider's rule too, checked here first: the finding is recorded before the protection,
        // and a refusal then would leave a finding without its grievance.
        if (!protection || !protection.measures?.some((measure: string) => !isBlank(measure)))
          reject('record the measures protecting the worker against retaliation');
        if (!investigation || isBlank(investigation.findingId)) reject('name the finding');
        if (investigation.kind !== 'new' && investigation.kind !== 'join')
          reject('start a new investigation or join one');
      },
    },
  );

  // Severe: straight to a compliance officer.
  if (input.severity === 'high' || input.severity === 'critical') await escalate('severe');

  if (!(await condition(() => acknowledged, msUntil(input.acknowledgeBy)))) {
    await record({
      aggregate: 'grievance',
      aggregateId: grievanceId,
      type: 'RecordGrievanceAcknowledgementOverdue',
      data: { grievanceId },
    });
    acknowledgementOverdue = true;
    if (!withComplianceOfficer()) await escalate('acknowledgement_overdue');
  }
  await condition(() => acknowledged && referral !== undefined);
  step = 'referred';
  await condition(allHandlersFinished);
  return { findingId: referral!.findingId, investigation: referral!.investigation, handledBy, acknowledgedLate };
}
