import type { EventHandlers, StoredEvent } from '@pj/application';
import type { EventType } from '@pj/domain';

/** What a person chooses per kind: immediately, in a daily digest, or not by mail. */
export const NOTIFICATION_KINDS = [
  'deadline',
  'reminder',
  'escalation',
  'decision',
  'standstill',
  'plan',
  'grievance',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_PREFERENCES = ['immediately', 'daily_digest', 'off'] as const;
export type DeliveryPreference = (typeof DELIVERY_PREFERENCES)[number];

/**
 * Who is told. Roles are the buyer's people in the directory; `supplier` is the supplier the event
 * is about: its contacts kept by the buyer and its people who signed in. Nobody else: a worker who
 * filed a grievance is never a recipient (an anonymous one follows it by receipt code only).
 */
export type Audience = 'contract_manager' | 'compliance_officer' | 'supplier';

/** What an event says to whom, and in which words (a key of `templates`). */
export interface NotificationRule {
  readonly kind: NotificationKind;
  readonly to: readonly Audience[];
  readonly template: string;
  /**
   * The supplier the event is about, when its data names it; else the outbox looks up the finding's
   * contractor (`BreachConfirmed`), or the supplier of the case's contract (`ContractSigned`).
   */
  readonly supplierId?: string;
  /** The case, finding, grievance… the notification is about (shown in the inbox). */
  readonly subjectId: string;
  /** Values the template fills in. */
  readonly values: Readonly<Record<string, string | number>>;
}

type Rule<T extends StoredEvent['type']> = (event: StoredEvent<T>) => NotificationRule | undefined;

/** Whom each rule made by `rule` tells and how: never a matter of the event's data (docs/events.md says it). */
const told = new WeakMap<object, Pick<NotificationRule, 'kind' | 'to'>>();

const rule = <T extends StoredEvent['type']>(
  kind: NotificationKind,
  to: readonly Audience[],
  template: string,
  subject: (event: StoredEvent<T>) => string,
  values: (event: StoredEvent<T>) => NotificationRule['values'] = (event) => flat(event.data),
): Rule<T> => {
  const notify: Rule<T> = (event) => ({
    kind,
    to,
    template,
    subjectId: subject(event),
    values: values(event),
    supplierId: supplierNamed(event.data),
  });
  told.set(notify, { kind, to });
  return notify;
};

/** The event's plain values, for templates. */
function flat(data: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(data).filter(
      (entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number',
    ),
  );
}

const supplierNamed = (data: object): string | undefined => {
  const named =
    ('supplierId' in data ? data.supplierId : undefined) ?? ('contractorId' in data ? data.contractorId : undefined);
  return typeof named === 'string' ? named : undefined;
};

/** Each step of the breach-escalation ladder, and who it reaches. */
const LADDER: Readonly<Record<string, { kind: NotificationKind; to: readonly Audience[] }>> = {
  reminder: { kind: 'reminder', to: ['supplier'] },
  escalated_to_compliance_officer: { kind: 'escalation', to: ['compliance_officer'] },
  supply_standstill: { kind: 'escalation', to: ['compliance_officer'] },
  termination_proposed: { kind: 'decision', to: ['compliance_officer', 'contract_manager'] },
};

/**
 * The events that notify (docs/architecture.md, "People are told"). A table keyed by event type,
 * so a misspelt event does not compile; an event not in it tells nobody.
 */
export const notificationRules: EventHandlers<NotificationRule | undefined> = {
  // Deadlines and reminders.
  QuestionnaireIssued: rule('deadline', ['supplier'], 'questionnaire.issued', (e) => e.data.questionnaireId),
  QuestionnaireReminderSent: rule('reminder', ['supplier'], 'questionnaire.reminder', (e) => e.data.questionnaireId),
  CompliancePlansDue: rule('deadline', ['supplier'], 'compliance_plans.due', (e) => e.data.caseId),
  CompliancePlansOverdue: rule(
    'reminder',
    ['supplier', 'contract_manager'],
    'compliance_plans.overdue',
    (e) => e.data.caseId,
  ),
  CorrectiveActionPlanRequested: rule('deadline', ['supplier'], 'plan.requested', (e) => e.data.findingId),
  CorrectiveActionPlanOverdue: rule(
    'reminder',
    ['supplier', 'compliance_officer'],
    'plan.overdue',
    (e) => e.data.findingId,
  ),
  CorrectiveActionDeadlineMissed: rule(
    'reminder',
    ['supplier', 'compliance_officer'],
    'plan.deadline_missed',
    (e) => e.data.findingId,
  ),
  GrievanceAcknowledgementOverdue: rule(
    'reminder',
    ['compliance_officer'],
    'grievance.acknowledgement_overdue',
    (e) => e.data.grievanceId,
  ),
  SupplyStandstillProposalReminderSent: rule(
    'reminder',
    ['compliance_officer'],
    'standstill.proposal_reminder',
    (e) => e.data.findingId,
  ),
  // Escalations reaching a compliance officer, and the ladder's steps.
  BreachEscalated: (event) => {
    const step = LADDER[event.data.step];
    return step
      ? {
          ...step,
          template: `ladder.${event.data.step}`,
          subjectId: event.data.findingId,
          values: flat(event.data),
        }
      : undefined;
  },
  SupplierSilenceEscalated: rule(
    'escalation',
    ['compliance_officer'],
    'questionnaire.silence_escalated',
    (e) => e.data.questionnaireId,
  ),
  // Decisions waiting.
  CorrectiveActionPlanSubmitted: rule('decision', ['compliance_officer'], 'plan.submitted', (e) => e.data.findingId),
  SupplyStandstillProposed: rule('decision', ['compliance_officer'], 'standstill.proposed', (e) => e.data.findingId),
  // Standstills imposed or lifted: the supply standstill and the legal standstill of an award.
  SupplyStandstillImposed: rule(
    'standstill',
    ['supplier', 'contract_manager', 'compliance_officer'],
    'standstill.imposed',
    (e) => e.data.standstillId,
  ),
  SupplyStandstillLifted: rule(
    'standstill',
    ['contract_manager', 'compliance_officer'],
    'standstill.lifted',
    (e) => e.data.standstillId,
  ),
  AwardDecided: rule('standstill', ['contract_manager'], 'legal_standstill.began', (e) => e.data.caseId),
  LegalStandstillEnded: rule('standstill', ['contract_manager'], 'legal_standstill.ended', (e) => e.data.caseId),
  // Plans approved.
  CorrectiveActionPlanAgreed: rule(
    'plan',
    ['supplier', 'compliance_officer'],
    'plan.approved',
    (e) => e.data.findingId,
  ),
  // Grievance updates: to the buyer's officers only, never to the worker.
  GrievanceSubmitted: rule(
    'grievance',
    ['compliance_officer'],
    'grievance.submitted',
    (e) => e.data.grievanceId,
    // Only what identifies nobody: never the complainant or who took the grievance in.
    ({ data }) => ({
      grievanceId: data.grievanceId,
      factoryId: data.factoryId,
      severity: data.severity,
      acknowledgeBy: data.acknowledgeBy,
    }),
  ),
  GrievanceEscalated: rule('grievance', ['compliance_officer'], 'grievance.escalated', (e) => e.data.grievanceId),
  GrievanceClosed: rule('grievance', ['compliance_officer'], 'grievance.closed', (e) => e.data.grievanceId),
};

const PEOPLE: Readonly<Record<Audience, string>> = {
  contract_manager: 'contract managers',
  compliance_officer: 'compliance officers',
  supplier: 'the supplier',
};

/** Who an event tells, in words (docs/events.md); undefined when it tells nobody. */
export function notificationSummary(type: EventType): string | undefined {
  if (type === 'BreachEscalated')
    return Object.entries(LADDER)
      .map(
        ([step, { kind, to }]) => `${step.replace(/_/g, ' ')}: ${kind} to ${to.map((who) => PEOPLE[who]).join(', ')}`,
      )
      .join('; ');
  const rule = notificationRules[type];
  const tells = rule && told.get(rule);
  return tells && `${tells.kind} to ${tells.to.map((who) => PEOPLE[who]).join(', ')}`;
}
