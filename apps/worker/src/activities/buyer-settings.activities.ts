import type { BuyerSettingsActivities } from '@pj/contracts';
import { buyerCalendarOf, type BuyerCalendars } from '@pj/config';
import type { BuyerCalendar } from '@pj/domain';

export interface BuyerSettings {
  /** Buyers (organisation ids) whose verified remediation lifts a standstill without the officer confirming. */
  readonly standstillLiftedWithoutConfirmation?: readonly string[];
  /** Each buyer's jurisdiction for legal periods (BUYER_CALENDARS); absent, every buyer counts in UTC. */
  readonly buyerCalendars?: BuyerCalendars;
}

/** The calendar the commands a workflow records for a buyer are decided in. */
export function calendarFor(settings: BuyerSettings, organisationId: string): BuyerCalendar {
  return buyerCalendarOf(settings.buyerCalendars ?? {}, organisationId);
}

/** Read from the engine's configuration (STANDSTILL_LIFTED_WITHOUT_CONFIRMATION); an activity, so workflows stay deterministic. */
export function createBuyerSettingsActivities(settings: BuyerSettings): BuyerSettingsActivities {
  return {
    async standstillLiftingNeedsConfirmation(organisationId) {
      return !(settings.standstillLiftedWithoutConfirmation ?? []).includes(organisationId);
    },
  };
}
