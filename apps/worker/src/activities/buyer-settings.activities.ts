import type { BuyerSettingsActivities } from '@pj/contracts';

export interface BuyerSettings {
  /** Buyers (organisation ids) whose verified remediation lifts a standstill without the officer confirming. */
  readonly standstillLiftedWithoutConfirmation?: readonly string[];
}

/** Read from the engine's configuration (STANDSTILL_LIFTED_WITHOUT_CONFIRMATION); an activity, so workflows stay deterministic. */
export function createBuyerSettingsActivities(settings: BuyerSettings): BuyerSettingsActivities {
  return {
    async standstillLiftingNeedsConfirmation(organisationId) {
      return !(settings.standstillLiftedWithoutConfirmation ?? []).includes(organisationId);
    },
  };
}
