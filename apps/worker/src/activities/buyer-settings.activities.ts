import type { BuyerSettingsActivities } from '@pj/contracts';
import { buyerCalendarOf, type BuyerCalendars } from '@pj/config';
import type { BuyerCalendar, RemedyTimetable } from '@pj/domain';

export interface BuyerSettings {
  /** Buyers (organisation ids) whose verified remediation lifts a standstill without the officer confirming. */
  readonly standstillLiftedWithoutConfirmation?: readonly string[];
  /** Each buyer's jurisdiction for legal periods (BUYER_CALENDARS); absent, every buyer counts in UTC. */
  readonly buyerCalendars?: BuyerCalendars;
  /** Each buyer's remedy timetable for breaches of a contract clause, by organisation id. */
  readonly clauseBreachRemedyTimetables?: Readonly<Record<string, RemedyTimetable>>;
}

/** The calendar the commands a workflow records for a buyer are decided in. */
export function calendarFor(settings: BuyerSettings, organisationId: string): BuyerCalendar {
  return buyerCalendarOf(settings.buyerCalendars ?? {}, organisationId);
}

/**
 * A contract-clause breach (a missed disclosure ratchet) has no officer to set its timetable: without
 * a buyer's own, the plan is due in 30 days, and the ladder climbs 7, 14, 30 and 60 days after a slip.
 */
export const defaultClauseBreachRemedyTimetable: RemedyTimetable = {
  planDueWithinDays: 30,
  escalationAfterDays: {
    reminder: 7,
    escalated_to_compliance_officer: 14,
    supply_standstill: 30,
    termination_proposed: 60,
  },
};

/** Read from the engine's configuration (STANDSTILL_LIFTED_WITHOUT_CONFIRMATION); an activity, so workflows stay deterministic. */
export function createBuyerSettingsActivities(settings: BuyerSettings): BuyerSettingsActivities {
  return {
    async standstillLiftingNeedsConfirmation(organisationId) {
      return !(settings.standstillLiftedWithoutConfirmation ?? []).includes(organisationId);
    },
    async clauseBreachRemedyTimetable(organisationId) {
      return settings.clauseBreachRemedyTimetables?.[organisationId] ?? defaultClauseBreachRemedyTimetable;
    },
  };
}
