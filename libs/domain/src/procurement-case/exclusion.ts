/**
 * Exclusion grounds of EU Directive 2014/24, Art. 57, and self-cleaning (Art. 57(6)).
 */
import { addYears, isBefore } from '../calendar';

/**
 * Art. 57(1)(a)–(f): offences whose conviction by final judgment excludes, and the Art. 57(2)
 * ground: taxes or social security contributions left unpaid, established by a final and binding
 * judicial or administrative decision (for a worker, unpaid contributions are lost pension and
 * sickness cover).
 */
export const mandatoryOffences = [
  'participation_in_criminal_organisation', // (a)
  'corruption', // (b)
  'fraud', // (c)
  'terrorist_offence', // (d) terrorist offences or offences linked to terrorist activities
  'money_laundering_or_terrorist_financing', // (e)
  'child_labour', // (f)
  'trafficking_in_human_beings', // (f)
  'unpaid_taxes', // Art. 57(2)
  'unpaid_social_security_contributions', // Art. 57(2)
] as const;
export type MandatoryOffence = (typeof mandatoryOffences)[number];

/** Art. 57(4): grounds a buyer may exclude on, after a reasoned decision. */
export const discretionaryGrounds = [
  'grave_professional_misconduct',
  'breach_of_labour_law',
  'early_termination_of_earlier_contract',
] as const;
export type DiscretionaryGround = (typeof discretionaryGrounds)[number];

export type ExclusionGround =
  | {
      readonly kind: 'mandatory';
      readonly offence: MandatoryOffence;
      /** By final judgment (Art. 57(1)), or a final and binding decision (Art. 57(2)). */
      readonly convictionFinal: boolean;
      /** The date of that final judgment or decision: the exclusion period counts from it. */
      readonly convictedOn: string;
    }
  | {
      readonly kind: 'discretionary';
      readonly ground: DiscretionaryGround;
      readonly facts: string;
      /** The date of the relevant event: the exclusion period counts from it. */
      readonly occurredOn: string;
    };

/** Who the ground concerns: the bidder itself, or a subcontractor it relies on (Art. 71(6)). */
export type ExclusionSubject =
  { readonly kind: 'bidder' } | { readonly kind: 'subcontractor'; readonly subcontractorId: string };

/**
 * Art. 57(7): the longest exclusion, 5 years from the conviction by final judgment (paragraph 1)
 * and 3 years from the relevant event (paragraph 4). The directive leaves the paragraph-2 period to
 * national law; this engine applies the paragraph-1 cap from the binding decision.
 */
export const exclusionPeriodCapYears = { mandatory: 5, discretionary: 3 } as const;

/** The date the cap counts from: the final conviction (or decision), or the relevant event. */
export function exclusionGroundDate(ground: ExclusionGround): string {
  return ground.kind === 'mandatory' ? ground.convictedOn : ground.occurredOn;
}

/** The last instant an exclusion on this ground may last to, whenever the buyer decides. */
export function latestExclusionEnd(ground: ExclusionGround): string {
  return addYears(exclusionGroundDate(ground), exclusionPeriodCapYears[ground.kind]);
}

/** A ground whose cap has run out at `now` excludes no longer: a spent conviction is no ground. */
export function exclusionGroundSpent(ground: ExclusionGround, now: string): boolean {
  return !isBefore(now, latestExclusionEnd(ground));
}

export function exclusionPeriodWithinCap(ground: ExclusionGround, decidedAt: string, excludedUntil: string): boolean {
  return !isBefore(latestExclusionEnd(ground), excludedUntil) && isBefore(decidedAt, excludedUntil);
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
