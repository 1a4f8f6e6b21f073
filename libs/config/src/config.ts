import { resolve } from 'node:path';
import { calendarProblems, type BuyerCalendar } from '@pj/domain';

/**
 * Every setting comes from the environment (documented in one table in the README). Read once at
 * start-up; a bad value stops the process with a message naming the variable.
 */
export interface EngineConfig {
  readonly eventStore:
    | { readonly kind: 'pglite'; readonly dataDir?: string }
    | { readonly kind: 'postgres'; readonly connectionString: string }
    | { readonly kind: 'eventstoredb'; readonly connectionString: string };
  /** PostgreSQL for checkpoints and read models when the events live in EventStoreDB. */
  readonly databaseUrl?: string;
  readonly temporal: {
    /** Absent: start the embedded Temporal dev server. */
    readonly address?: string;
    readonly namespace: string;
    readonly taskQueue: string;
    readonly cliPath?: string;
    readonly devServerPort: number;
    readonly devServerUiPort: number;
    readonly devServerDbFile: string;
  };
  readonly http: { readonly host: string; readonly port: number };
  /** Run the Temporal worker and the process manager inside the API process. */
  readonly workerEmbedded: boolean;
  readonly jwtSecret: string;
  readonly dataDir: string;
  readonly liveUpdates: LiveUpdatesConfig;
  /**
   * Buyers (organisation ids) whose verified remediation lifts a supply standstill by itself; every
   * other buyer's compliance officer confirms the lifting (the default).
   */
  readonly standstillLiftedWithoutConfirmation: readonly string[];
  /**
   * Each buyer's jurisdiction for legal periods (time zone, public holidays, counting rules), by
   * organisation id; `*` for every buyer not named (BUYER_CALENDARS).
   */
  readonly buyerCalendars: BuyerCalendars;
}

/** Calendars by organisation id, `*` standing for every other buyer. */
export type BuyerCalendars = Readonly<Record<string, BuyerCalendar>>;

/** A buyer without a calendar of its own counts in UTC, with Saturdays and Sundays as its only days off. */
export const DEFAULT_BUYER_CALENDAR: BuyerCalendar = { timeZone: 'UTC' };

/** The calendar a buyer's legal periods are counted in. */
export function buyerCalendarOf(calendars: BuyerCalendars, organisationId: string): BuyerCalendar {
  return Object.prototype.hasOwnProperty.call(calendars, organisationId)
    ? calendars[organisationId]
    : (calendars['*'] ?? DEFAULT_BUYER_CALENDAR);
}

/**
 * BUYER_CALENDARS: JSON, organisation id → `{"timeZone": "Europe/Stockholm", "holidays": {"country":
 * "SE", "types": ["public", "bank"]}}`. Checked at start-up: an unknown zone, country or region stops
 * the process, never a period counted in the wrong calendar later.
 */
function buyerCalendarsFrom(env: NodeJS.ProcessEnv): BuyerCalendars {
  const raw = env.BUYER_CALENDARS;
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('BUYER_CALENDARS', 'must be JSON: {"<organisation id>": {"timeZone": "Europe/Stockholm"}}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError('BUYER_CALENDARS', 'must be a JSON object keyed by organisation id');
  for (const [organisationId, calendar] of Object.entries(parsed)) {
    const problems =
      typeof calendar === 'object' && calendar !== null
        ? calendarProblems(calendar as BuyerCalendar)
        : ['not an object'];
    if (problems.length > 0) throw new ConfigError('BUYER_CALENDARS', `for ${organisationId}: ${problems.join('; ')}`);
  }
  return parsed as BuyerCalendars;
}

/** Live updates of a case (Server-Sent Events), all fed by one reader of the log per process. */
export interface LiveUpdatesConfig {
  /** Streams open at once; one more is refused with 503 and Retry-After. */
  readonly maxStreams: number;
  /** A comment line is written this often, so proxies keep the stream and a gone client is noticed. */
  readonly heartbeatMs: number;
}

export class ConfigError extends Error {
  constructor(variable: string, reason: string) {
    super(`configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Only for local runs: a fixed development secret, refused outside development and test. */
export const DEVELOPMENT_JWT_SECRET = 'procurement-journey-development-secret-do-not-use-in-production';

/** HS256 wants a key at least as long as its hash (RFC 7518 §3.2): 32 bytes. */
export const MIN_JWT_SECRET_BYTES = 32;

/**
 * Development defaults (the JWT secret, the audit key) are allowed only when NODE_ENV is unset or
 * exactly `development` or `test`. Anything else (`production`, `Production`, `prod`, `staging`)
 * is production: a misspelt value must never fall back to a secret that is in the repository.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env.NODE_ENV;
  return !(mode === undefined || mode === '' || mode === 'development' || mode === 'test');
}

function jwtSecretFrom(env: NodeJS.ProcessEnv): string {
  const production = isProduction(env);
  const secret = env.JWT_SECRET || undefined;
  const mode = `NODE_ENV=${env.NODE_ENV} (anything but development or test counts as production)`;
  if (secret === undefined) {
    if (production) throw new ConfigError('JWT_SECRET', `is required when ${mode}`);
    return DEVELOPMENT_JWT_SECRET;
  }
  if (production && secret === DEVELOPMENT_JWT_SECRET)
    throw new ConfigError('JWT_SECRET', `is the development secret from the repository; set your own when ${mode}`);
  if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES)
    throw new ConfigError('JWT_SECRET', `must be at least ${MIN_JWT_SECRET_BYTES} bytes (e.g. openssl rand -hex 32)`);
  return secret;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new ConfigError(name, `must be a port number, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(name, `must be a whole number above 0, got "${raw}"`);
  return value;
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(name, `is required ${because}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const kind = env.EVENT_STORE ?? 'pglite';
  let eventStore: EngineConfig['eventStore'];
  switch (kind) {
    case 'pglite':
      eventStore = { kind, dataDir: resolve(env.PGLITE_DATA_DIR ?? `${dataDir}/pglite`) };
      break;
    case 'postgres':
      eventStore = { kind, connectionString: required(env, 'DATABASE_URL', 'when EVENT_STORE=postgres') };
      break;
    case 'eventstoredb':
      eventStore = {
        kind,
        connectionString: required(env, 'EVENTSTORE_CONNECTION_STRING', 'when EVENT_STORE=eventstoredb'),
      };
      break;
    default:
      throw new ConfigError('EVENT_STORE', `must be pglite, postgres or eventstoredb, got "${kind}"`);
  }
  const jwtSecret = jwtSecretFrom(env);
  return {
    eventStore,
    databaseUrl: env.DATABASE_URL,
    temporal: {
      address: env.TEMPORAL_ADDRESS || undefined,
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'procurement-journey',
      cliPath: env.TEMPORAL_CLI_PATH || undefined,
      devServerPort: integer(env, 'TEMPORAL_DEV_SERVER_PORT', 7233),
      devServerUiPort: integer(env, 'TEMPORAL_DEV_SERVER_UI_PORT', 8233),
      devServerDbFile: resolve(env.TEMPORAL_DEV_SERVER_DB_FILE ?? `${dataDir}/temporal.sqlite`),
    },
    http: { host: env.HOST ?? '127.0.0.1', port: integer(env, 'PORT', 3000) },
    workerEmbedded: flag(env, 'WORKER_EMBEDDED', true),
    jwtSecret,
    dataDir,
    liveUpdates: {
      maxStreams: positive(env, 'LIVE_STREAMS_MAX', 1000),
      heartbeatMs: positive(env, 'LIVE_HEARTBEAT_SECONDS', 15) * 1000,
    },
    standstillLiftedWithoutConfirmation: (env.STANDSTILL_LIFTED_WITHOUT_CONFIRMATION ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
    buyerCalendars: buyerCalendarsFrom(env),
  };
}

/**
 * PROCESS_MANAGER_MAX_LAG: events the process manager may be behind before /health degrades (500).
 * A burst of commands passes through in seconds; a stalled process manager does not.
 */
export function processManagerMaxLag(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PROCESS_MANAGER_MAX_LAG;
  if (raw === undefined || raw === '') return 500;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError('PROCESS_MANAGER_MAX_LAG', `must be a whole number of events, got "${raw}"`);
  return value;
}

/**
 * READ_AFTER_WAIT_MS: how long a read with `Min-Log-Position` waits for its read models to pass that
 * position before it answers 503 (5000). Read models usually follow within milliseconds.
 */
export function readAfterWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  return positive(env, 'READ_AFTER_WAIT_MS', 5_000);
}
