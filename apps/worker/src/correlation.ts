import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { CORRELATION_ID } from '@pj/contracts';

/** The workflow interceptors (correlation id into log lines and activity headers), bundled with the workflows. */
export const workflowInterceptorModules = [require.resolve('../../../workflows/src/correlation.interceptors')];

/**
 * An activity's log lines (`log` from @temporalio/activity, routed to the process's logger) carry the
 * correlation id its workflow scheduled it with.
 */
export const correlatedActivityLogs: ActivityInterceptorsFactory = () => {
  let correlationId: string | undefined;
  return {
    inbound: {
      execute: (input, next) => {
        const header = input.headers[CORRELATION_ID];
        const value: unknown = header ? defaultPayloadConverter.fromPayload(header) : undefined;
        correlationId = typeof value === 'string' ? value : undefined;
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (input, next) =>
        next(correlationId === undefined ? input : { ...input, [CORRELATION_ID]: correlationId }),
    },
  };
};
