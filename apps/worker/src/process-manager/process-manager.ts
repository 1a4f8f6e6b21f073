import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { CheckpointStore, EventStore, RecordedEvent, Subscription } from '@pj/event-store';
import { handleEvent, type EventHandlers } from '@pj/application';
import { CORRELATION_ID } from '@pj/contracts';
import type { Reacted, WorkflowAction } from './reactions';

export interface ProcessManagerOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly client: Client;
  readonly taskQueue: string;
  readonly reactions: EventHandlers<Reacted>;
  readonly subscriberId?: string;
  readonly log?: (message: string) => void;
}

/** Temporal or the database is usually back within seconds (a restart, a failover): try again at least this often. */
const MAX_BACKOFF_MS = 5_000;
/** The process manager's checkpoint in pj_checkpoints (read by /health for its lag). */
export const PROCESS_MANAGER_SUBSCRIBER = 'process-manager';

/**
 * Starts workflows from events. It reads the store's global log from its stored checkpoint, so
 * events written while it was down are still acted on; the checkpoint advances only after the
 * start succeeded, and starts are idempotent by workflow id, so a restart never starts one twice.
 */
export class ProcessManager {
  private subscription?: Subscription;
  private stopping = false;
  private failures = 0;
  private resumeTimer?: NodeJS.Timeout;
  private stopped!: () => void;
  /** Resolves once stop() was called; a lost database connection does not end it (see resumeLater). */
  readonly done = new Promise<void>((resolve) => (this.stopped = resolve));
  readonly subscriberId: string;

  constructor(private readonly options: ProcessManagerOptions) {
    this.subscriberId = options.subscriberId ?? PROCESS_MANAGER_SUBSCRIBER;
  }

  async start(): Promise<void> {
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.resumeTimer);
    await this.subscription?.stop();
    this.stopped();
  }

  private async subscribe(): Promise<void> {
    const after = await this.options.checkpoints.read(this.subscriberId);
    if (this.stopping) return;
    this.subscription = this.options.store.subscribeToAll({
      after,
      onEvent: (event) => this.handle(event),
      onCaughtUp: () => (this.failures = 0),
      onError: (error) => this.resumeLater(error),
    });
  }

  /**
   * The subscription failed (the database went away, a checkpoint write failed): start again from
   * the stored checkpoint, backing off, until it works. Starts are idempotent, so re-reading an
   * event whose checkpoint was not written starts nothing twice.
   */
  private resumeLater(error: unknown): void {
    if (this.stopping || this.resumeTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.failures++);
    this.options.log?.(`process manager interrupted (${String(error)}); resuming from its checkpoint in ${delay} ms`);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      this.subscribe().catch((failure: unknown) => this.resumeLater(failure));
    }, delay);
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const actions = handleEvent(this.options.reactions, event) ?? [];
    for (const action of Array.isArray(actions) ? actions : [actions as WorkflowAction])
      await this.perform(action, event);
    await this.options.checkpoints.store(this.subscriberId, event.position);
  }

  private async perform(action: WorkflowAction, event: RecordedEvent): Promise<void> {
    // Temporal may be briefly unreachable (start-up, restart): wait and try again rather than skip.
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        if (action.kind === 'start') {
          await this.options.client.workflow.start(action.workflowType, {
            workflowId: action.workflowId,
            taskQueue: this.options.taskQueue,
            args: [...action.args],
            // A running workflow with this id is the one we want; a closed one is never re-run.
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            // The conversation the event belongs to (the request's X-Request-Id): the workflow's and
            // its activities' log lines carry it (workflows/src/correlation.interceptors.ts).
            memo: { [CORRELATION_ID]: event.metadata.correlationId },
          });
        } else {
          await this.options.client.workflow.getHandle(action.workflowId).signal(action.signal, ...action.args);
        }
        return;
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return;
        if (error instanceof WorkflowNotFoundError) {
          this.options.log?.(`${action.workflowId} is not running; ${action.kind} for event ${event.type} dropped`);
          return;
        }
        const delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt);
        this.options.log?.(
          `could not ${action.kind} ${action.workflowId} for event ${event.metadata.eventId} (${String(error)}); retrying in ${delay} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
