import {
  defaultPayloadConverter,
  workflowInfo,
  type Headers,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { CORRELATION_ID } from '@pj/contracts';

/** The correlation id the process manager put in this workflow's memo (absent for workflows started before). */
function correlationId(): string | undefined {
  const value = workflowInfo().memo?.[CORRELATION_ID];
  return typeof value === 'string' ? value : undefined;
}

function withCorrelation(headers: Headers): Headers {
  const id = correlationId();
  return id === undefined ? headers : { ...headers, [CORRELATION_ID]: defaultPayloadConverter.toPayload(id) };
}

/**
 * The workflow's log lines carry its correlation id, and so do its activities: it travels in a header
 * of each scheduled activity (read by the worker's activity interceptor, apps/worker/src/correlation.ts).
 * Headers are not part of the commands a replay compares, so histories recorded before replay as they were.
 */
const outbound: WorkflowOutboundCallsInterceptor = {
  getLogAttributes: (input, next) => {
    const id = correlationId();
    return next(id === undefined ? input : { ...input, [CORRELATION_ID]: id });
  },
  scheduleActivity: (input, next) => next({ ...input, headers: withCorrelation(input.headers) }),
  scheduleLocalActivity: (input, next) => next({ ...input, headers: withCorrelation(input.headers) }),
};

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [outbound] });
