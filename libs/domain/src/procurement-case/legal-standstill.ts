/**
 * The legal standstill between the award decision and contract signature (Remedies Directive
 * 2007/66, Art. 2a(2)): at least 10 calendar days from the day after the award decision was sent
 * electronically, 15 when sent otherwise, counted in the buyer's calendar (Regulation 1182/71).
 * Periods are per jurisdiction, so they arrive with the tender, never as constants here.
 */
import { inBuyerTime, periodInDays, type BuyerCalendar, type LocalDate } from '../periods';

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

/** The standstill as the buyer counts it: its days and its end in the buyer's own time. */
export interface StandstillPeriod {
  readonly timeZone: string;
  readonly firstDay: LocalDate;
  /** After Regulation 1182/71 Art. 3(4)/(5) moved it off a Saturday, Sunday or public holiday. */
  readonly lastDay: LocalDate;
  /** The end in the buyer's time zone, e.g. `2027-01-04T23:59:59.999+01:00`. */
  readonly endsAtLocal: string;
}

export interface LegalStandstill {
  /** No signature until after this instant (UTC). */
  readonly endsAt: string;
  /** Absent for a rehearsal's period in seconds. */
  readonly period?: StandstillPeriod;
}

/** The standstill after an award decision sent at `sentAt` by `notice`, in the buyer's calendar. */
export function legalStandstill(
  policy: LegalStandstillPolicy,
  notice: NoticeMeans,
  sentAt: string,
  calendar: BuyerCalendar,
): LegalStandstill {
  const days = notice === 'electronic' ? policy.electronicNoticeDays : policy.otherNoticeDays;
  if (policy.periodUnit === 'seconds') return { endsAt: new Date(Date.parse(sentAt) + days * 1000).toISOString() };
  const { firstDay, lastDay, endsAt } = periodInDays(calendar, sentAt, days);
  return {
    endsAt,
    period: { timeZone: calendar.timeZone, firstDay, lastDay, endsAtLocal: inBuyerTime(calendar, endsAt) },
  };
}
