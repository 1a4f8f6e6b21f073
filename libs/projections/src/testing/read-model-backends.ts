import { randomUUID } from 'node:crypto';
import { createScratchDatabase } from '@pj/audit/testing';
import { currentSchemaVersion, type EventOfType, type EventType } from '@pj/domain';
import { PgDriver, PgliteDriver, type EventStore, type LogPosition, type SqlDriver } from '@pj/event-store';

/** The two SQL stores read models run on: embedded PGlite and a scratch database on the server. */
export const readModelBackends = (
  scratchName: string,
): [string, () => Promise<{ driver: SqlDriver; drop(): Promise<void> }>][] => [
  ['PGlite', async () => ({ driver: await PgliteDriver.open(), drop: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const database = await createScratchDatabase(scratchName);
      const driver = await PgDriver.open(database.url);
      return { driver, drop: () => database.drop() };
    },
  ],
];

export interface RecordedBy {
  readonly org: string;
  readonly role?: string;
  /** The actor's id; `<role>-1` by default. */
  readonly actor?: string;
  readonly recordedAt: string;
}

/**
 * Records one event as the domain types it (a wrong field does not compile), at its current schema
 * version, by an actor of `role` (a compliance officer by default). Resolves to its log position.
 */
export async function appendTyped<T extends EventType>(
  store: EventStore,
  streamId: string,
  type: T,
  data: EventOfType<T>['data'],
  by: RecordedBy,
): Promise<LogPosition> {
  const role = by.role ?? 'compliance_officer';
  const result = await store.appendToStream(
    streamId,
    [
      {
        type,
        data,
        metadata: {
          eventId: randomUUID(),
          commandId: randomUUID(),
          correlationId: 'conversation-1',
          causationId: 'cause-1',
          actor: { id: by.actor ?? `${role}-1`, role },
          organisationId: by.org,
          recordedAt: by.recordedAt,
          schemaVersion: currentSchemaVersion(type),
        },
      },
    ],
    { expectedRevision: 'any' },
  );
  return result.position;
}
