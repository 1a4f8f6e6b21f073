/** Injection token of the event-store port (an interface has no runtime token of its own). */
export const EVENT_STORE = Symbol('EventStore');
/** Injection token of the Temporal client; absent when the API runs without Temporal. */
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
