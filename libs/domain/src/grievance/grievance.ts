import type { Command, Decider, Event } from '../decider';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor } from '../roles';

// A worker's grievance. Workers speak up only when it is safe: a grievance may be anonymous, and
// protection against retaliation is recorded before anything else is done with it.

export const grievanceStreamId = (grievanceId: string) => `grievance-${grievanceId}`;

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
  }
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
  SubmitGrievance | RecordRetaliationProtection | ReportRetaliation | ReferGrievanceToFinding | CloseGrievance;

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
    /** Who took the grievance in; omitted for anonymous grievances so the record cannot name the worker. */
    receivedBy?: string;
    submittedAt: string;
  }
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
  | RetaliationProtectionRecorded
  | RetaliationReported
  | GrievanceReferredToFinding
  | GrievanceClosed;

const grievanceEventTypeSet: Record<GrievanceEvent['type'], true> = {
  GrievanceSubmitted: true,
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
  readonly retaliationProtected: boolean;
  readonly retaliationReports: number;
  readonly findingIds: readonly string[];
}

export type GrievanceState =
  | { readonly status: 'not_submitted' }
  | ({ readonly status: 'received' } & GrievanceFile)
  | ({ readonly status: 'referred' } & GrievanceFile)
  | ({ readonly status: 'closed' } & GrievanceFile);

const fail = (code: string, message: string) => new DomainError(code, message);

export const grievance: Decider<GrievanceState, GrievanceCommand, GrievanceEvent> = {
  initialState: () => ({ status: 'not_submitted' }),

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
      const { complainant: _complainant, ...report } = command.data;
      return [
        {
          type: 'GrievanceSubmitted',
          data: anonymous
            ? { ...report, submittedAt: now }
            : { ...report, complainant, receivedBy: actor.id, submittedAt: now },
        },
      ];
    }
    if (state.status === 'not_submitted')
      return fail('grievance.not_found', `grievance ${command.data.grievanceId} is not on file`);
    if (state.status === 'closed') return fail('grievance.closed', 'the grievance is closed');

    switch (command.type) {
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
          retaliationProtected: false,
          retaliationReports: 0,
          findingIds: [],
        };
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
