import type { GrievanceRuleCode } from './rule-codes';
import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { isBefore } from '../calendar';
import { effectiveDate, type Backdating } from '../effective-date';
import { periodEndsAt } from '../periods';
import { DomainError } from '../domain-error';
import type { Severity } from '../finding/finding';
import { isBlank, isHeadcount, MOST_PEOPLE, refuseReadOnlyActor, requireRole } from '../roles';
import { ownedStreamId } from '../stream-names';

// A worker's grievance. Workers speak up only when it is safe: a grievance may be anonymous, and
// protection against retaliation is recorded before anything else is done with it.

export const GRIEVANCE_STREAM_PREFIX = 'grievance-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const grievanceStreamId = (organisationId: string, grievanceId: string) =>
  ownedStreamId(GRIEVANCE_STREAM_PREFIX, organisationId, grievanceId);

export type GrievanceChannel = 'hotline' | 'worker_organisation' | 'independent_monitor' | 'in_person' | 'online_form';

export interface Complainant {
  readonly name: string;
  readonly contact: string;
}

export type SubmitGrievance = Command<
  'SubmitGrievance',
  {
    grievanceId: string;
    factoryId: string;
    caseId?: string;
    channel: GrievanceChannel;
    anonymous: boolean;
    /** Present only when the worker chose to be named. */
    complainant?: Complainant;
    allegation: string;
    workersConcerned: number;
    /** As assessed at intake; high and critical go straight to a compliance officer. */
    severity: Severity;
    /** The buyer's grievance policy: calendar days within which the worker is acknowledged. */
    acknowledgeWithinDays: number;
    /** When the worker raised it (the intake received it), if not now; backdating is recorded. */
    occurredAt?: string;
    /**
     * SHA-256 (hex) of the receipt code handed to the worker who filed it themselves: with the
     * code, and nothing else about them, the worker follows the grievance's status.
     */
    receiptDigest?: string;
  }
>;

export type AcknowledgeGrievance = Command<'AcknowledgeGrievance', { grievanceId: string; message: string }>;

export type RecordGrievanceAcknowledgementOverdue = Command<
  'RecordGrievanceAcknowledgementOverdue',
  { grievanceId: string }
>;

export type GrievanceEscalationReason = 'severe' | 'acknowledgement_overdue';

export type EscalateGrievance = Command<
  'EscalateGrievance',
  { grievanceId: string; reason: GrievanceEscalationReason }
>;

export type RecordRetaliationProtection = Command<
  'RecordRetaliationProtection',
  { grievanceId: string; measures: readonly string[]; protectedParties: string }
>;

export type ReportRetaliation = Command<'ReportRetaliation', { grievanceId: string; description: string }>;

export type ReferGrievanceToFinding = Command<'ReferGrievanceToFinding', { grievanceId: string; findingId: string }>;

export type CloseGrievance = Command<
  'CloseGrievance',
  { grievanceId: string; resolution: string; complainantInformed: boolean }
>;

export type GrievanceCommand =
  | SubmitGrievance
  | AcknowledgeGrievance
  | RecordGrievanceAcknowledgementOverdue
  | EscalateGrievance
  | RecordRetaliationProtection
  | ReportRetaliation
  | ReferGrievanceToFinding
  | CloseGrievance;

export type GrievanceSubmitted = Event<
  'GrievanceSubmitted',
  {
    grievanceId: string;
    factoryId: string;
    caseId?: string;
    channel: GrievanceChannel;
    anonymous: boolean;
    complainant?: Complainant;
    allegation: string;
    workersConcerned: number;
    severity: Severity;
    /**
     * When the worker must have been acknowledged: the end of the policy's last day, counted from
     * the day after it was raised in the buyer's calendar (Regulation 1182/71).
     */
    acknowledgeBy: string;
    /** Who took the grievance in; omitted for anonymous grievances so the record cannot name the worker. */
    receivedBy?: string;
    /** See SubmitGrievance: the digest of the worker's receipt code, never the code. */
    receiptDigest?: string;
    /** When it was recorded. */
    submittedAt: string;
    /** Schema version 2: when the worker raised it (effective date); v1 events read `submittedAt`. */
    occurredAt: string;
    /** Recorded by the intake's role only when anonymous, so backdating names nobody either. */
    backdating?: Backdating;
  }
>;
export type GrievanceAcknowledged = Event<
  'GrievanceAcknowledged',
  AcknowledgeGrievance['data'] & { acknowledgedBy: string; acknowledgedAt: string; late: boolean }
>;
export type GrievanceAcknowledgementOverdue = Event<
  'GrievanceAcknowledgementOverdue',
  { grievanceId: string; acknowledgeBy: string; recordedAt: string }
>;
export type GrievanceEscalated = Event<
  'GrievanceEscalated',
  EscalateGrievance['data'] & { severity: Severity; escalatedBy: string; escalatedAt: string }
>;
export type RetaliationProtectionRecorded = Event<
  'RetaliationProtectionRecorded',
  RecordRetaliationProtection['data'] & { recordedBy: string; recordedAt: string }
>;
export type RetaliationReported = Event<'RetaliationReported', ReportRetaliation['data'] & { reportedAt: string }>;
export type GrievanceReferredToFinding = Event<
  'GrievanceReferredToFinding',
  ReferGrievanceToFinding['data'] & { factoryId: string; referredAt: string }
>;
export type GrievanceClosed = Event<'GrievanceClosed', CloseGrievance['data'] & { closedAt: string }>;

export type GrievanceEvent =
  | GrievanceSubmitted
  | GrievanceAcknowledged
  | GrievanceAcknowledgementOverdue
  | GrievanceEscalated
  | RetaliationProtectionRecorded
  | RetaliationReported
  | GrievanceReferredToFinding
  | GrievanceClosed;

const grievanceEventTypeSet: Record<GrievanceEvent['type'], true> = {
  GrievanceSubmitted: true,
  GrievanceAcknowledged: true,
  GrievanceAcknowledgementOverdue: true,
  GrievanceEscalated: true,
  RetaliationProtectionRecorded: true,
  RetaliationReported: true,
  GrievanceReferredToFinding: true,
  GrievanceClosed: true,
};
export const grievanceEventTypes = Object.keys(grievanceEventTypeSet) as readonly GrievanceEvent['type'][];

interface GrievanceFile {
  readonly grievanceId: string;
  readonly factoryId: string;
  readonly anonymous: boolean;
  readonly severity: Severity;
  readonly acknowledgeBy: string;
  readonly acknowledged: boolean;
  readonly acknowledgementOverdue: boolean;
  readonly escalated: boolean;
  readonly retaliationProtected: boolean;
  readonly retaliationReports: number;
  readonly findingIds: readonly string[];
}

export type GrievanceState =
  | { readonly status: 'not_submitted' }
  | ({ readonly status: 'received' } & GrievanceFile)
  | ({ readonly status: 'referred' } & GrievanceFile)
  | ({ readonly status: 'closed' } & GrievanceFile);

const fail = (code: GrievanceRuleCode, message: string) => new DomainError(code, message);

/**
 * Who an anonymous grievance is recorded as taken in by: a role, never a person. The person who
 * took it in could lead back to the worker (who spoke to whom, where, when), so their id is kept
 * nowhere in the stream; the organisation and the role stay for accountability (docs/domain.md).
 */
export const ANONYMOUS_INTAKE_ID = 'anonymous';

export const grievance: Decider<GrievanceState, GrievanceCommand, GrievanceEvent> = {
  initialState: () => ({ status: 'not_submitted' }),

  recordedActor: (command) =>
    command.type === 'SubmitGrievance' && command.data.anonymous
      ? { id: ANONYMOUS_INTAKE_ID, role: command.metadata.actor.role }
      : command.metadata.actor,

  decide(command, state) {
    const readOnly = refuseReadOnlyActor(command.metadata);
    if (readOnly) return readOnly;
    const { now, actor } = command.metadata;
    if (command.type === 'SubmitGrievance') {
      if (state.status !== 'not_submitted')
        return fail('grievance.already_submitted', `grievance ${command.data.grievanceId} is already on file`);
      const { anonymous, complainant, allegation } = command.data;
      if (anonymous && complainant)
        return fail(
          'grievance.anonymous_with_identity',
          'an anonymous grievance must not carry the complainant’s identity',
        );
      if (!anonymous && (!complainant || isBlank(complainant.name)))
        return fail('grievance.complainant_required', 'a named grievance needs the complainant');
      if (isBlank(allegation)) return fail('grievance.allegation_required', 'say what the grievance is about');
      const { receiptDigest } = command.data;
      if (receiptDigest !== undefined && !/^[0-9a-f]{64}$/.test(receiptDigest))
        return fail('grievance.receipt_digest_invalid', 'a receipt digest is a SHA-256 in lower-case hex');
      if (!isHeadcount(command.data.workersConcerned))
        return fail('grievance.workers_invalid', `workers concerned is a whole number from 0 to ${MOST_PEOPLE}`);
      const days = command.data.acknowledgeWithinDays;
      if (!(Number.isInteger(days) && days > 0))
        return fail(
          'grievance.acknowledgement_days_invalid',
          'the worker is acknowledged within whole days, above zero',
        );
      const {
        complainant: _complainant,
        acknowledgeWithinDays: _days,
        occurredAt: _occurredAt,
        ...report
      } = command.data;
      const raised = effectiveDate(command.metadata, command.data.occurredAt);
      if (raised instanceof DomainError) return raised;
      const effective =
        anonymous && raised.backdating
          ? { ...raised, backdating: { ...raised.backdating, recordedBy: ANONYMOUS_INTAKE_ID } }
          : raised;
      const acknowledgeBy = periodEndsAt(command.metadata.calendar, raised.occurredAt, days);
      return [
        {
          type: 'GrievanceSubmitted',
          data: anonymous
            ? { ...report, acknowledgeBy, submittedAt: now, ...effective }
            : { ...report, acknowledgeBy, complainant, receivedBy: actor.id, submittedAt: now, ...effective },
        },
      ];
    }
    if (state.status === 'not_submitted')
      return fail('grievance.not_found', `grievance ${command.data.grievanceId} is not on file`);
    if (state.status === 'closed') return fail('grievance.closed', 'the grievance is closed');

    switch (command.type) {
      case 'AcknowledgeGrievance':
        if (state.acknowledged) return fail('grievance.already_acknowledged', 'the worker has been acknowledged');
        if (isBlank(command.data.message)) return fail('grievance.message_required', 'say what the worker was told');
        return [
          {
            type: 'GrievanceAcknowledged',
            data: {
              ...command.data,
              acknowledgedBy: actor.id,
              acknowledgedAt: now,
              late: isBefore(state.acknowledgeBy, now),
            },
          },
        ];
      case 'RecordGrievanceAcknowledgementOverdue':
        if (state.acknowledged || state.acknowledgementOverdue)
          return fail('grievance.nothing_overdue', 'the worker was acknowledged or the delay is already recorded');
        if (isBefore(now, state.acknowledgeBy))
          return fail(
            'grievance.acknowledgement_not_due',
            `the worker is to be acknowledged by ${state.acknowledgeBy}`,
          );
        return [
          {
            type: 'GrievanceAcknowledgementOverdue',
            data: { grievanceId: command.data.grievanceId, acknowledgeBy: state.acknowledgeBy, recordedAt: now },
          },
        ];
      case 'EscalateGrievance': {
        if (state.escalated) return fail('grievance.already_escalated', 'a compliance officer already has it');
        const notAllowed = requireRole(
          command.metadata,
          ['workflow', 'compliance_officer', 'contract_manager'],
          'grievance.escalation_not_allowed',
        );
        if (notAllowed) return notAllowed;
        if (command.data.reason === 'severe' && state.severity !== 'high' && state.severity !== 'critical')
          return fail('grievance.not_severe', `a ${state.severity} grievance is not escalated as severe`);
        if (command.data.reason === 'acknowledgement_overdue' && !state.acknowledgementOverdue)
          return fail('grievance.acknowledgement_not_overdue', 'the acknowledgement is not overdue');
        return [
          {
            type: 'GrievanceEscalated',
            data: { ...command.data, severity: state.severity, escalatedBy: actor.id, escalatedAt: now },
          },
        ];
      }
      case 'RecordRetaliationProtection':
        if (command.data.measures.filter((m) => !isBlank(m)).length === 0)
          return fail('grievance.protection_measures_required', 'name the measures protecting the worker');
        return [
          { type: 'RetaliationProtectionRecorded', data: { ...command.data, recordedBy: actor.id, recordedAt: now } },
        ];
      case 'ReportRetaliation':
        if (isBlank(command.data.description))
          return fail('grievance.description_required', 'describe the retaliation');
        return [{ type: 'RetaliationReported', data: { ...command.data, reportedAt: now } }];
      case 'ReferGrievanceToFinding':
        if (!state.retaliationProtected)
          return fail(
            'grievance.retaliation_protection_missing',
            'record protection against retaliation before investigating',
          );
        if (state.findingIds.includes(command.data.findingId))
          return fail('grievance.already_referred', `already referred to finding ${command.data.findingId}`);
        return [
          {
            type: 'GrievanceReferredToFinding',
            data: { ...command.data, factoryId: state.factoryId, referredAt: now },
          },
        ];
      case 'CloseGrievance':
        if (!state.retaliationProtected)
          return fail(
            'grievance.retaliation_protection_missing',
            'record protection against retaliation before closing',
          );
        if (isBlank(command.data.resolution))
          return fail('grievance.resolution_required', 'say how the grievance was resolved');
        // A named worker is told the outcome; an anonymous one learns it through the channel used.
        if (!state.anonymous && !command.data.complainantInformed)
          return fail('grievance.complainant_not_informed', 'inform the complainant before closing');
        return [{ type: 'GrievanceClosed', data: { ...command.data, closedAt: now } }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'GrievanceSubmitted':
        return {
          status: 'received',
          grievanceId: event.data.grievanceId,
          factoryId: event.data.factoryId,
          anonymous: event.data.anonymous,
          severity: event.data.severity,
          acknowledgeBy: event.data.acknowledgeBy,
          acknowledged: false,
          acknowledgementOverdue: false,
          escalated: false,
          retaliationProtected: false,
          retaliationReports: 0,
          findingIds: [],
        };
      case 'GrievanceAcknowledged':
        return state.status === 'not_submitted' ? state : { ...state, acknowledged: true };
      case 'GrievanceAcknowledgementOverdue':
        return state.status === 'not_submitted' ? state : { ...state, acknowledgementOverdue: true };
      case 'GrievanceEscalated':
        return state.status === 'not_submitted' ? state : { ...state, escalated: true };
      case 'RetaliationProtectionRecorded':
        return state.status === 'not_submitted' ? state : { ...state, retaliationProtected: true };
      case 'RetaliationReported':
        return state.status === 'not_submitted'
          ? state
          : { ...state, retaliationReports: state.retaliationReports + 1 };
      case 'GrievanceReferredToFinding':
        return state.status === 'not_submitted'
          ? state
          : { ...state, status: 'referred', findingIds: [...state.findingIds, event.data.findingId] };
      case 'GrievanceClosed':
        return state.status === 'not_submitted' ? state : { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};
