import { ApplicationFailure } from '@temporalio/common';
import { executeCommand, isAggregateName, type CommandOf } from '@pj/application';
import {
  isFinalRefusal,
  refusalFailure,
  WORKFLOW_ROLE,
  type DecidedEvent,
  type DomainCommandActivities,
  type DomainCommandRequest,
  type RecordedDecision,
} from '@pj/contracts';
import { isKnownError } from '@pj/domain';
import { formatPosition, type EventStore } from '@pj/event-store';
import { activityCommandId, callingWorkflowId, logDecision } from './activity-context';
import { calendarFor, type BuyerSettings } from './buyer-settings.activities';
import type { NotificationDependencies } from './notification.activities';

export interface ActivityDependencies extends BuyerSettings {
  readonly store: EventStore;
  /** Absent in workflow tests: deliveries then fail without retries. */
  readonly notifications?: NotificationDependencies;
}

export function createDomainCommandActivities(dependencies: ActivityDependencies): DomainCommandActivities {
  const { store } = dependencies;
  return {
    /**
     * Records a workflow's decision as events through the command path. A refusal (a broken rule,
     * a missing or forbidden target, invalid input) is a non-retryable failure carrying its code
     * (see refusalFailure); anything else (a conflict, the store unreachable) is retried by
     * Temporal, and the stable command id makes retries safe.
     */
    async executeDomainCommand(request: DomainCommandRequest): Promise<RecordedDecision> {
      if (!isAggregateName(request.aggregate))
        throw ApplicationFailure.nonRetryable(`unknown aggregate ${request.aggregate}`, 'UnknownAggregate');
      const workflowId = callingWorkflowId();
      try {
        const result = await executeCommand(
          store,
          request.aggregate,
          request.aggregateId,
          {
            type: request.type,
            data: request.data,
            metadata: {
              commandId: request.commandId ?? activityCommandId(),
              now: request.now,
              actor: request.actor ?? { id: workflowId, role: WORKFLOW_ROLE },
              organisationId: request.organisationId,
              calendar: calendarFor(dependencies, request.organisationId),
            },
            // The request is one command of its aggregate (DomainCommandRequest is a union by aggregate
            // and type); the compiler cannot pair the union's type with its data once they are taken apart.
          } as CommandOf<typeof request.aggregate>,
          { correlationId: request.correlationId, causationId: request.causationId },
        );
        logDecision(request.type, result);
        return {
          // The decider's own events (until executeCommand returns them typed by aggregate).
          events: result.events.map(
            (event) => ({ type: event.type, eventId: event.metadata.eventId, data: event.data }) as DecidedEvent,
          ),
          revision: result.nextExpectedRevision,
          replayed: result.replayed,
          ...(result.position ? { position: formatPosition(result.position) } : {}),
        };
      } catch (error) {
        if (isKnownError(error) && isFinalRefusal(error)) throw refusalFailure(error);
        throw error;
      }
    },
  };
}
