/**
 * The legal standstill between the award decision and contract signature (Remedies Directive
 * 2007/66). Periods are per jurisdiction, so they arrive with the tender, never as constants here.
 */
import { addCalendarDays } from '../calendar';

export type NoticeMeans = 'electronic' | 'other';

export interface LegalStandstillPolicy {
  /** Calendar days when the award decision is sent electronically (EU default: 10). */
  readonly electronicNoticeDays: number;
  /** Calendar days when it is sent by other means (EU default: 15). */
  readonly otherNoticeDays: number;
  /**
   * Unit of both periods: calendar days unless stated. `seconds` exists for rehearsals and
   * end-to-end runs on a real clock (a whole journey in minutes); no jurisdiction counts in seconds.
   */
  readonly periodUnit?: 'calendar_days' | 'seconds';
}

/** The EU defaults, offered to callers that configure a tender; the domain never falls back to them. */
export const euRemediesDirectiveStandstill: LegalStandstillPolicy = { electronicNoticeDays: 10, otherNoticeDays: 15 };

export function legalStandstillEndsAt(policy: LegalStandstillPolicy, notice: NoticeMeans, notifiedAt: string): string {
  const period = notice === 'electronic' ? policy.electronicNoticeDays : policy.otherNoticeDays;
  return policy.periodUnit === 'seconds'
    ? new Date(Date.parse(notifiedAt) + period * 1000).toISOString()
    : addCalendarDays(notifiedAt, period);
}
