import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { CheckpointStore, EventStore, RecordedEvent, Subscription } from '@pj/event-store';
import type { Reaction, WorkflowAction } from './reactions';

export interface ProcessManagerOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly client: Client;
  readonly taskQueue: string;
  readonly reactions: Readonly<Record<string, Reaction>>;
  readonly subscriberId?: string;
  readonly log?: (message: string) => void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Starts workflows from events. It reads the store's global log from its stored checkpoint, so
 * events written while it was down are still acted on; the checkpoint advances only after the
 * start succeeded, and starts are idempotent by workflow id, so a restart never starts one twice.
 */
export class ProcessManager {
  private subscription?: Subscription;
  private stopping = false;
  readonly subscriberId: string;

  constructor(private readonly options: ProcessManagerOptions) {
    this.subscriberId = options.subscriberId ?? 'process-manager';
  }

  async start(): Promise<void> {
    const after = await this.options.checkpoints.read(this.subscriberId);
    this.subscription = this.options.store.subscribeToAll({
      after,
      onEvent: (event) => this.handle(event),
      onError: (error) => this.options.log?.(`process manager stopped: ${String(error)}`),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
  }

  /** Resolves when the subscription ends (stop() or failure). */
  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const actions = this.options.reactions[event.type]?.(event) ?? [];
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
