import { DomainError } from './domain-error';
import type { EventType } from './unions';

// Events are never rewritten in place: the store keeps the version they were written with, and
// readers lift old versions to the current shape here, one step at a time.

type Upcaster = (data: unknown) => unknown;

/**
 * `upcasters[type][n]` turns version n of the event's data into version n + 1. Keyed by the domain's
 * event types: an upcaster for a misspelled type would never run, so it does not compile.
 */
export type Upcasters = { readonly [T in EventType]?: Readonly<Record<number, Upcaster>> };

/** v1 of a fact from outside had no effective date: it took effect when it was recorded (`field`). */
const effectiveWhenRecorded = (field: string) => (data: unknown) => {
  const recorded = data as Record<string, unknown>;
  return { ...recorded, occurredAt: recorded[field] };
};

const upcasters: Upcasters = {
  AwardDecided: { 1: effectiveWhenRecorded('notifiedAt') },
  ComplaintSubmitted: { 1: effectiveWhenRecorded('submittedAt') },
  GrievanceSubmitted: { 1: effectiveWhenRecorded('submittedAt') },
  BidSubmitted: {
    // v1 recorded the disclosed share as a fraction (0.6); v2 uses percent (60), the unit
    // tenders state their threshold in.
    1: (data) => {
      const { disclosedShare, ...rest } = data as { disclosedShare: number } & Record<string, unknown>;
      return { ...rest, disclosedSharePercent: Math.round(disclosedShare * 10_000) / 100 };
    },
  },
};

// Stored events name their type as a string; looked up by it, a type without upcasters has none.
const upcastersByType: ReadonlyMap<string, Readonly<Record<number, Upcaster>>> = new Map(
  Object.entries(upcasters).filter((entry): entry is [string, Readonly<Record<number, Upcaster>>] => !!entry[1]),
);

export function currentSchemaVersion(eventType: string): number {
  return 1 + Object.keys(upcastersByType.get(eventType) ?? {}).length;
}

export function upcastEvent(event: { type: string; data: unknown; schemaVersion: number }): {
  type: string;
  data: unknown;
} {
  const current = currentSchemaVersion(event.type);
  // Refused here like a rule; readers of stored events (foldHistory) report it as the server fault
  // it is there, UnreadableEventError (500, with the stream and revision).
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > current)
    throw new DomainError(
      'event.schema_version_unknown',
      `${event.type} has no schema version ${event.schemaVersion}`,
      {
        eventType: event.type,
        schemaVersion: event.schemaVersion,
        currentSchemaVersion: current,
      },
    );
  const steps = upcastersByType.get(event.type) ?? {};
  let data = event.data;
  for (let version = event.schemaVersion; version < current; version++) data = steps[version](data);
  return { type: event.type, data };
}
