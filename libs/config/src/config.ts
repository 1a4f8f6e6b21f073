import { resolve } from 'node:path';
import { calendarProblems, type BuyerCalendar } from '@pj/domain';
import { loadNotificationConfig, type NotificationConfig } from './notifications';

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
  /** HMAC key of development tokens; absent in production, which accepts only the issuer's tokens. */
  readonly jwtSecret?: string;
  readonly identity: IdentityConfig;
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
  /** Mail, webhooks and digests (libs/notifications). */
  readonly notifications: NotificationConfig;
  /**
   * Each buyer's threshold for abnormally low prices (Art. 69): a bid more than this many percent
   * below the mean of the others is flagged when bidding closes. Published with each of the buyer's
   * tenders that sets none of its own; a buyer without one gets the domain's default (20%).
   */
  readonly abnormallyLowPricePercentByBuyer: Readonly<Record<string, number>>;
  /** Documents as evidence: where their content is kept, and the largest upload taken. */
  readonly documents: DocumentsConfig;
}

export interface DocumentsConfig {
  /** DOCUMENT_MAX_BYTES: a larger upload is refused with 413 (default 100 MiB). */
  readonly maxBytes: number;
  /**
   * BLOB_STORE: `filesystem` (default; content-addressed files under BLOB_DIR, `$DATA_DIR/blobs`) or
   * `postgres` (chunks in the read-model database: PGlite, or the PostgreSQL server).
   */
  readonly blobStore: { readonly kind: 'filesystem'; readonly dir: string } | { readonly kind: 'postgres' };
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

/**
 * Sign-in through an OpenID Connect provider: the API accepts the access tokens of one issuer.
 * Without OIDC_ISSUER (never in production) `npm start` runs the development provider on loopback
 * and its address is the issuer: the same code path, another address.
 */
export interface IdentityConfig {
  /** The issuer (`iss`) whose access tokens the API accepts; absent: the development provider's. */
  readonly issuer?: string;
  /** The audience (`aud`) an access token must name: this API. */
  readonly audience: string;
  /** Where the caller's attributes are in the token (claim names, or dotted paths into nested claims). */
  readonly claims: ClaimMapping;
  /** Clock skew allowed on exp, nbf and iat. */
  readonly clockToleranceSeconds: number;
  /** The least time between two fetches of the issuer's keys when a token names an unknown key. */
  readonly jwksCooldownSeconds: number;
  /** The web app: a public client (authorization code with PKCE). */
  readonly webClient: {
    readonly clientId: string;
    readonly scopes: readonly string[];
    /** Where the provider may send the browser back: the app's origin. */
    readonly redirectUris: readonly string[];
  };
  /** The development provider's port on 127.0.0.1 (0: a free one); used only without an issuer. */
  readonly developmentProviderPort: number;
}

/** Claim names (or dotted paths, e.g. `realm_access.roles`) of the caller's attributes. */
export interface ClaimMapping {
  /** A role name, or a list of which exactly one is a role of this API. */
  readonly role: string;
  readonly organisation: string;
  readonly supplier: string;
  readonly factories: string;
  readonly name: string;
  readonly email: string;
  /** The person's preferred language (BCP 47), for what is written to them. */
  readonly locale: string;
}

/** The claims of development tokens and of the development provider. */
export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  role: 'role',
  organisation: 'org',
  supplier: 'supplierId',
  factories: 'factories',
  name: 'name',
  email: 'email',
  locale: 'locale',
};

/** The audience of the API's access tokens unless OIDC_AUDIENCE says otherwise (development only). */
export const DEVELOPMENT_AUDIENCE = 'procurement-journey';

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

const productionMode = (env: NodeJS.ProcessEnv) =>
  `NODE_ENV=${env.NODE_ENV} (anything but development or test counts as production)`;

/** Development tokens exist only outside production: there the secret is not read at all. */
function jwtSecretFrom(env: NodeJS.ProcessEnv): string | undefined {
  if (isProduction(env)) return undefined;
  const secret = env.JWT_SECRET || undefined;
  if (secret === undefined) return DEVELOPMENT_JWT_SECRET;
  if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES)
    throw new ConfigError('JWT_SECRET', `must be at least ${MIN_JWT_SECRET_BYTES} bytes (e.g. openssl rand -hex 32)`);
  return secret;
}

function identityFrom(env: NodeJS.ProcessEnv, http: EngineConfig['http']): IdentityConfig {
  const production = isProduction(env);
  const issuer = env.OIDC_ISSUER || undefined;
  if (production && !issuer)
    throw new ConfigError('OIDC_ISSUER', `is required when ${productionMode(env)}: the API accepts only its tokens`);
  if (issuer !== undefined && !/^https?:\/\/[^/]/.test(issuer))
    throw new ConfigError('OIDC_ISSUER', `must be an http(s) URL, got "${issuer}"`);
  if (production && issuer?.startsWith('http:'))
    throw new ConfigError('OIDC_ISSUER', `must be an https URL when ${productionMode(env)}, got "${issuer}"`);
  const audience = env.OIDC_AUDIENCE || undefined;
  if (production && !audience)
    throw new ConfigError('OIDC_AUDIENCE', `is required when ${productionMode(env)}: the API's own audience`);
  const claim = (name: string, fallback: string) => env[name] || fallback;
  const list = (raw: string | undefined, fallback: readonly string[]) => {
    const items = (raw ?? '')
      .split(/[\s,]+/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    return items.length > 0 ? items : fallback;
  };
  return {
    issuer,
    audience: audience ?? DEVELOPMENT_AUDIENCE,
    claims: {
      role: claim('OIDC_CLAIM_ROLE', DEFAULT_CLAIM_MAPPING.role),
      organisation: claim('OIDC_CLAIM_ORGANISATION', DEFAULT_CLAIM_MAPPING.organisation),
      supplier: claim('OIDC_CLAIM_SUPPLIER', DEFAULT_CLAIM_MAPPING.supplier),
      factories: claim('OIDC_CLAIM_FACTORIES', DEFAULT_CLAIM_MAPPING.factories),
      name: claim('OIDC_CLAIM_NAME', DEFAULT_CLAIM_MAPPING.name),
      email: claim('OIDC_CLAIM_EMAIL', DEFAULT_CLAIM_MAPPING.email),
      locale: claim('OIDC_CLAIM_LOCALE', DEFAULT_CLAIM_MAPPING.locale),
    },
    clockToleranceSeconds: seconds(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30),
    jwksCooldownSeconds: seconds(env, 'OIDC_JWKS_COOLDOWN_SECONDS', 30),
    webClient: {
      clientId: env.OIDC_WEB_CLIENT_ID || 'procurement-journey-web',
      scopes: list(env.OIDC_WEB_SCOPES, ['openid', 'profile', 'email', 'offline_access']),
      redirectUris: list(env.OIDC_WEB_REDIRECT_URIS, [`http://${http.host}:${http.port}/`]),
    },
    developmentProviderPort: integer(env, 'OIDC_DEV_PROVIDER_PORT', 3001),
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ConfigError(name, `must be a whole number of seconds, got "${raw}"`);
  return value;
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
  const http = { host: env.HOST ?? '127.0.0.1', port: integer(env, 'PORT', 3000) };
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
    http,
    workerEmbedded: flag(env, 'WORKER_EMBEDDED', true),
    jwtSecret,
    identity: identityFrom(env, http),
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
    notifications: loadNotificationConfig(env),
    abnormallyLowPricePercentByBuyer: percentByBuyer(env, 'ABNORMALLY_LOW_PRICE_PERCENT'),
    documents: documentsConfig(env, dataDir),
  };
}

function documentsConfig(env: NodeJS.ProcessEnv, dataDir: string): DocumentsConfig {
  const kind = env.BLOB_STORE || 'filesystem';
  if (kind !== 'filesystem' && kind !== 'postgres')
    throw new ConfigError('BLOB_STORE', `must be filesystem or postgres, got "${kind}"`);
  return {
    maxBytes: positive(env, 'DOCUMENT_MAX_BYTES', 100 * 1024 * 1024),
    blobStore: kind === 'postgres' ? { kind } : { kind, dir: resolve(env.BLOB_DIR || `${dataDir}/blobs`) },
  };
}

/** `buyer-a=15,buyer-b=25`: a percentage above 0 and below 100 per organisation id. */
function percentByBuyer(env: NodeJS.ProcessEnv, name: string): Readonly<Record<string, number>> {
  const entries = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [buyer, raw, ...rest] = entry.split('=').map((part) => part.trim());
      const percent = Number(raw);
      if (!buyer || raw === undefined || rest.length > 0 || !(percent > 0 && percent < 100))
        throw new ConfigError(name, `wants organisation=percent (0–100) pairs, got "${entry}"`);
      return [buyer, percent] as const;
    });
  return Object.fromEntries(entries);
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
