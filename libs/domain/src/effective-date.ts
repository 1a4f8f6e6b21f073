/**
 * Effective dates: a fact from outside the system (an award decision sent, a complaint received, a
 * grievance raised, a monitoring visit) carries the instant it happened (`occurredAt`) beside the
 * instant it was recorded (`metadata.now`, the event's `recordedAt`). Legal periods run from the
 * effective date. Backdating is allowed and recorded: who recorded the fact, and how far back.
 */
import type { CommandMetadata } from './decider';
import { DomainError } from './domain-error';
import { isValidInstant } from './calendar';

/** How far ahead of the engine's clock an effective date may lie: the caller's clock may run fast. */
export const EFFECTIVE_DATE_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A fact recorded later than it happened (by more than the clock skew). */
export interface Backdating {
  /** Who recorded it (the command's actor). */
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** How far back, as an ISO-8601 duration (`P3DT4H0M`). */
  readonly backBy: string;
}

export interface EffectiveDate {
  readonly occurredAt: string;
  /** Present only when the fact was backdated. */
  readonly backdating?: Backdating;
}

export type EffectiveDateRuleCode = 'effective_date.invalid' | 'effective_date.in_future' | 'effective_date.too_early';

/** What the fact belongs to, which it cannot precede: `{ what: 'the award decision', at }`. */
export interface BelongsTo {
  readonly what: string;
  readonly at: string;
}

function isoDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `P${Math.floor(minutes / 1440)}DT${Math.floor((minutes % 1440) / 60)}H${minutes % 60}M`;
}

/**
 * The effective date of a fact the command records: `occurredAt` as given (or the command's own
 * instant when none is given), refused when it lies in the future beyond the clock skew or before
 * what it belongs to.
 */
export function effectiveDate(
  metadata: CommandMetadata,
  occurredAt: string | undefined,
  belongsTo?: BelongsTo,
): EffectiveDate | DomainError {
  const { now, actor } = metadata;
  if (occurredAt === undefined) return { occurredAt: now };
  if (!isValidInstant(occurredAt))
    return new DomainError('effective_date.invalid', `occurredAt ${JSON.stringify(occurredAt)} is no instant`);
  const at = new Date(Date.parse(occurredAt)).toISOString();
  const ahead = Date.parse(at) - Date.parse(now);
  if (ahead > EFFECTIVE_DATE_CLOCK_SKEW_MS)
    return new DomainError('effective_date.in_future', `${at} lies in the future (recorded at ${now})`, {
      occurredAt: at,
      recordedAt: now,
    });
  if (belongsTo && Date.parse(at) < Date.parse(belongsTo.at))
    return new DomainError('effective_date.too_early', `${at} lies before ${belongsTo.what} (${belongsTo.at})`, {
      occurredAt: at,
      notBefore: belongsTo.at,
      belongsTo: belongsTo.what,
    });
  const back = -ahead;
  if (back <= EFFECTIVE_DATE_CLOCK_SKEW_MS) return { occurredAt: at };
  return { occurredAt: at, backdating: { recordedBy: actor.id, recordedAt: now, backBy: isoDuration(back) } };
}
