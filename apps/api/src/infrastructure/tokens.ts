// Injection tokens of the infrastructure the API is built on (interfaces have no runtime token).

/** The event-store port. */
export const EVENT_STORE = Symbol('EventStore');
/** The Temporal client; absent when the API runs without Temporal. */
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
/** The SQL database holding read models (a SqlDriver). */
export const READ_MODELS = Symbol('ReadModels');
/** The ProjectionRunner keeping the read models up to date. */
export const PROJECTIONS = Symbol('Projections');
/** Live-update limits (LiveUpdatesConfig from @pj/config); defaults apply when absent. */
export const LIVE_UPDATES = Symbol('LiveUpdates');
/** Each buyer's calendar for legal periods (BuyerCalendars from @pj/config). */
export const BUYER_CALENDARS = Symbol('BuyerCalendars');
/** The clock commands are decided at (`() => Date`); end-to-end tests set it to a given day. */
export const CLOCK = Symbol('Clock');
/** The identity provider whose tokens the API accepts (IssuerSettings); absent: development tokens only. */
export const IDENTITY = Symbol('Identity');
