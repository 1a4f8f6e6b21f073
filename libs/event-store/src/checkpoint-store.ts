import type { LogPosition } from './event-store';

/** Where a subscriber (process manager, projection) keeps the position of the last event it handled. */
export interface CheckpointStore {
  read(subscriberId: string): Promise<LogPosition | undefined>;
  store(subscriberId: string, position: LogPosition): Promise<void>;
}
