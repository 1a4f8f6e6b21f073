import { DomainError } from './domain-error';

// Events are never rewritten in place: the store keeps the version they were written with, and
// readers lift old versions to the current shape here, one step at a time.

type Upcaster = (data: unknown) => unknown;

/** `upcasters[type][n]` turns version n of the event's data into version n + 1. */
const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  BidSubmitted: {
    // v1 recorded the disclosed share as a fraction (0.6); v2 uses percent (60), the unit
    // tenders state their threshold in.
    1: (data) => {
      const { disclosedShare, ...rest } = data as { disclosedShare: number } & Record<string, unknown>;
      return { ...rest, disclosedSharePercent: Math.round(disclosedShare * 10_000) / 100 };
    },
  },
};

export function currentSchemaVersion(eventType: string): number {
  return 1 + Object.keys(upcasters[eventType] ?? {}).length;
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
  let data = event.data;
  for (let version = event.schemaVersion; version < current; version++) data = upcasters[event.type][version](data);
  return { type: event.type, data };
}
