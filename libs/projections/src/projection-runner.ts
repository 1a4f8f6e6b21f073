import {
  comparePositions,
  SqlCheckpointStore,
  type EventStore,
  type LogPosition,
  type SqlDriver,
  type Subscription,
} from '@pj/event-store';
import type { Projection } from './projection';

export interface ProjectionStatus {
  readonly name: string;
  readonly position: LogPosition | undefined;
  readonly caughtUp: boolean;
  readonly error?: string;
}

/**
 * Runs projections, each on its own subscription from its own checkpoint. A projection's update
 * and its checkpoint commit together: an event is applied exactly once.
 */
interface RunningProjection {
  subscription?: Subscription;
  status: ProjectionStatus;
}

export class ProjectionRunner {
  private readonly running = new Map<string, RunningProjection>();
  private readonly checkpoints: SqlCheckpointStore;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDriver,
    readonly projections: readonly Projection[],
  ) {
    this.checkpoints = new SqlCheckpointStore(db);
  }

  static subscriberId(projection: Projection): string {
    return `projection:${projection.name}`;
  }

  async start(): Promise<void> {
    for (const projection of this.projections) {
      for (const statement of projection.schema) await this.db.query(statement);
      await this.startOne(projection);
    }
  }

  private async startOne(projection: Projection): Promise<void> {
    const subscriberId = ProjectionRunner.subscriberId(projection);
    const after = await this.checkpoints.read(subscriberId);
    const entry: RunningProjection = { status: { name: projection.name, position: after, caughtUp: false } };
    this.running.set(projection.name, entry);
    entry.subscription = this.store.subscribeToAll({
      after,
      onEvent: async (event) => {
        await this.db.transaction(async (tx) => {
          if (!projection.eventTypes || projection.eventTypes.has(event.type)) await projection.apply(tx, event);
          await this.checkpoints.store(subscriberId, event.position, tx);
        });
        entry.status = { ...entry.status, position: event.position };
      },
      onCaughtUp: () => (entry.status = { ...entry.status, caughtUp: true }),
      onError: (error) => (entry.status = { ...entry.status, error: String(error) }),
    });
  }

  status(): ProjectionStatus[] {
    return this.projections.map(
      (p) => this.running.get(p.name)?.status ?? { name: p.name, position: undefined, caughtUp: false },
    );
  }

  /** How many events of the log each projection has still to apply (SQL stores). */
  async lag(): Promise<Record<string, number>> {
    const lag: Record<string, number> = {};
    for (const { name, position } of this.status()) {
      const rows = await this.db.query<{ behind: string }>(
        `SELECT count(*) AS behind FROM pj_events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
        [String(position?.commit ?? 0n), String(position?.prepare ?? 0n)],
      );
      lag[name] = Number(rows[0].behind);
    }
    return lag;
  }

  /** Resolves once every projection has applied the log up to `position`. */
  async waitFor(position: LogPosition, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (
      this.status().some((s) => !s.position || comparePositions(s.position, position) < 0) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Empties the projection's tables and applies the whole log again. */
  async rebuild(name: string): Promise<void> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}`);
    await this.running.get(name)?.subscription?.stop();
    await this.db.transaction(async (tx) => {
      for (const table of projection.tables) await tx.query(`DELETE FROM ${table}`);
      await tx.query('DELETE FROM pj_checkpoints WHERE subscriber_id = $1', [ProjectionRunner.subscriberId(projection)]);
    });
    await this.startOne(projection);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map(({ subscription }) => subscription?.stop()));
    this.running.clear();
  }
}
