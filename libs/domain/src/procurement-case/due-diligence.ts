/**
 * Contractor due diligence during performance (ILRF stage 2): a yearly questionnaire with a
 * deadline and reminders, a desk review of what is on file, and an independent audit when the
 * risk is high or a finding severe. Every period is the tender's, never a constant here.
 */
import { addCalendarDays } from '../calendar';
import { periodEndsAt, type BuyerCalendar } from '../periods';
import type { RiskLevel } from './risk-screening';

export type IndependentAuditMethod = 'on_site' | 'worker_driven';

export interface DueDiligencePolicy {
  /** Calendar days the supplier has to answer the yearly questionnaire. */
  readonly questionnaireResponseDays: number;
  /** Calendar days after issue at which a reminder goes out while it is unanswered; each before the deadline. */
  readonly questionnaireReminderDays: readonly number[];
  /** How the independent audit is carried out: an on-site social audit or worker-driven monitoring. */
  readonly independentAuditMethod: IndependentAuditMethod;
}

/**
 * The questionnaire's deadline is a legal period in the buyer's calendar (Regulation 1182/71: from
 * the day after issue to the end of the last day, off weekends and holidays); reminders are
 * courtesies at the tender's offsets from issue.
 */
export function questionnaireSchedule(
  policy: DueDiligencePolicy,
  issuedAt: string,
  calendar: BuyerCalendar,
): { deadline: string; remindersDueAt: string[] } {
  return {
    deadline: periodEndsAt(calendar, issuedAt, policy.questionnaireResponseDays),
    remindersDueAt: [...policy.questionnaireReminderDays]
      .sort((a, b) => a - b)
      .map((days) => addCalendarDays(issuedAt, days)),
  };
}

export function isValidDueDiligencePolicy(policy: DueDiligencePolicy | undefined): boolean {
  if (!policy) return false;
  const { questionnaireResponseDays: days, questionnaireReminderDays: reminders } = policy;
  return (
    Number.isInteger(days) &&
    days > 0 &&
    reminders.every((reminder) => Number.isInteger(reminder) && reminder > 0 && reminder < days) &&
    (policy.independentAuditMethod === 'on_site' || policy.independentAuditMethod === 'worker_driven')
  );
}

/** Why the desk review asks for an independent audit; none means no audit. */
export function auditReasons(riskLevel: RiskLevel | undefined, severeFindingIds: readonly string[]): string[] {
  return [...(riskLevel === 'high' ? ['high_risk'] : []), ...(severeFindingIds.length > 0 ? ['severe_finding'] : [])];
}

/** Findings of this severity call for an independent audit. */
export const isSevereFinding = (severity: string): boolean => severity === 'high' || severity === 'critical';
