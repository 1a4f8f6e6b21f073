/**
 * The correlation id of a request (its X-Request-Id) as it travels past the event log: the memo key
 * of a workflow the process manager starts, and the header its activities are scheduled with. Log
 * lines name it `correlationId`, as the events' metadata does.
 */
export const CORRELATION_ID = 'correlationId';
