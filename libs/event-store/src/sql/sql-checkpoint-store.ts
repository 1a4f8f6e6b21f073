import type { CheckpointStore } from '../checkpoint-store';
import type { LogPosition } from '../event-store';
import { formatPosition, parsePosition } from '../event-store';
import type { SqlQueryable } from './sql-driver';

/** Checkpoints in the pj_checkpoints table; `tx` lets a projection save one with its read model. */
export class SqlCheckpointStore implements CheckpointStore {
  constructor(private readonly db: SqlQueryable) {}

  async read(subscriberId: string): Promise<LogPosition | undefined> {
    const rows = await this.db.query<{ position: string }>(
      'SELECT position FROM pj_checkpoints WHERE subscriber_id = $1',
      [subscriberId],
    );
    return rows.length > 0 ? parsePosition(rows[0].position) : undefined;
  }

  async store(subscriberId: string, position: LogPosition, tx: SqlQueryable = this.db): Promise<void> {
    await tx.query(
      `INSERT INTO pj_checkpoints (subscriber_id, position) VALUES ($1, $2)
       ON CONFLICT (subscriber_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [subscriberId, formatPosition(position)],
    );
  }
}
