/**
 * Exclusion grounds of EU Directive 2014/24, Art. 57, and self-cleaning (Art. 57(6)).
 */
import { addYears, isBefore } from '../calendar';

/** Art. 57(1): offences whose final conviction excludes (the ones this engine's buyers screen for). */
export type MandatoryOffence = 'child_labour' | 'trafficking_in_human_beings';

/** Art. 57(4): grounds a buyer may exclude on, after a reasoned decision. */
export type DiscretionaryGround =
  'grave_professional_misconduct' | 'breach_of_labour_law' | 'early_termination_of_earlier_contract';

export type ExclusionGround =
  | {
      readonly kind: 'mandatory';
      readonly offence: MandatoryOffence;
      readonly convictionFinal: boolean;
      readonly convictedOn: string;
    }
  | { readonly kind: 'discretionary'; readonly ground: DiscretionaryGround; readonly facts: string };

/** Who the ground concerns: the bidder itself, or a subcontractor it relies on (Art. 71(6)). */
export type ExclusionSubject =
  { readonly kind: 'bidder' } | { readonly kind: 'subcontractor'; readonly subcontractorId: string };

/** Art. 57(7): the longest exclusion, counted here from the buyer's decision. */
export const exclusionPeriodCapYears = { mandatory: 5, discretionary: 3 } as const;

export function latestExclusionEnd(ground: ExclusionGround, decidedAt: string): string {
  return addYears(decidedAt, exclusionPeriodCapYears[ground.kind]);
}

export function exclusionPeriodWithinCap(ground: ExclusionGround, decidedAt: string, excludedUntil: string): boolean {
  return !isBefore(latestExclusionEnd(ground, decidedAt), excludedUntil) && isBefore(decidedAt, excludedUntil);
}

/** What a bidder shows to prove its reliability despite a ground (Art. 57(6)). */
export interface SelfCleaningEvidence {
  readonly compensation: 'paid' | 'committed' | 'none';
  readonly factsClarifiedWithInvestigators: boolean;
  readonly technicalMeasures: readonly string[];
  readonly organisationalMeasures: readonly string[];
  readonly personnelMeasures: readonly string[];
}

/** The parts of Art. 57(6) the evidence does not yet show; empty when it can be accepted. */
export function missingSelfCleaningElements(evidence: SelfCleaningEvidence): readonly string[] {
  const missing: string[] = [];
  if (evidence.compensation === 'none') missing.push('compensation paid or committed');
  if (!evidence.factsClarifiedWithInvestigators) missing.push('facts clarified with the investigating authorities');
  const measures = [...evidence.technicalMeasures, ...evidence.organisationalMeasures, ...evidence.personnelMeasures];
  if (measures.filter((measure) => measure.trim().length > 0).length === 0)
    missing.push('technical, organisational or personnel measures');
  return missing;
}
