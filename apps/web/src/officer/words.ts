/** The officer's screens' words for the API's codes, in one place for a later translation. */

export const INBOX_KIND_LABELS: Readonly<Record<string, string>> = {
  termination_decision: 'Termination proposal',
  supply_standstill_decision: 'Standstill proposal',
  breach_escalated: 'Escalation',
  corrective_action_plan_approval: 'Plan to approve',
  grievance_escalated: 'Grievance escalated',
  supplier_silence: 'Supplier silent',
  severe_finding: 'Severe finding',
  standstill_lifting: 'Lifting to confirm',
};

/** The escalation ladder, in order (BreachEscalated steps). */
export const LADDER = [
  { step: 'reminder', label: 'Reminder' },
  { step: 'escalated_to_compliance_officer', label: 'Escalated to officer' },
  { step: 'supply_standstill', label: 'Supply standstill' },
  { step: 'termination_proposed', label: 'Termination proposed' },
] as const;

export const ladderLabel = (step: string | null | undefined): string =>
  LADDER.find((rung) => rung.step === step)?.label ?? 'Not escalated';

export const ESCALATION_STATUS_LABELS: Readonly<Record<string, string>> = {
  awaiting_plan: 'Awaiting the plan',
  plan_submitted: 'Plan submitted',
  plan_overdue: 'Plan overdue',
  remediating: 'Remediating',
  plan_deadline_missed: 'Plan deadline missed',
  awaiting_termination_decision: 'Awaiting termination decision',
  awaiting_verification: 'Awaiting verification',
  remediation_verified: 'Remediation verified',
  closed: 'Closed',
  contract_terminated: 'Contract terminated',
};

export const DEADLINE_KIND_LABELS: Readonly<Record<string, string>> = {
  plan_due: 'plan due',
  plan_deadline: 'plan deadline',
};

/** Badges with these use `autoContrast`, so their text stays readable (WCAG AA). */
export const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  low: 'gray.3',
  medium: 'yellow.4',
  high: 'orange.5',
  critical: 'red.9',
};

export const when = (instant: string | null | undefined): string =>
  instant ? new Date(instant).toLocaleString() : '—';
