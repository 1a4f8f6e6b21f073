import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, type Engine, type EngineOptions } from '../../apps/api/src/engine';
import { developmentTokens, type DevelopmentClaims } from '../../apps/api/src/auth/development-tokens';
import { ROLES, type Role } from '../../apps/api/src/auth/roles';
import { developmentUser } from '../../apps/api/src/auth/development-users';
import { signInThroughProvider } from '../../apps/api/src/auth/testing/provider-sign-in';
import { createLogger, DEVELOPMENT_JWT_SECRET, loadConfig, silentLogger } from '@pj/config';

/**
 * The whole engine for end-to-end tests, with nothing faked: a real Temporal dev server, a real
 * store (in-memory PGlite unless `env` says otherwise), the worker with the process manager, the
 * projections and the HTTP API on a free port.
 */
export interface TestEngine extends Engine {
  readonly baseUrl: string;
  tokens(organisationId?: string, claims?: DevelopmentClaims): Record<Role, string>;
  /**
   * Access tokens from the engine's development OpenID provider: each role's seeded user of the
   * buyer signs in (authorization code with PKCE), as a person would through the web app.
   */
  providerTokens(organisationId?: string): Promise<Record<Role, string>>;
}

export async function startTestEngine(
  env: NodeJS.ProcessEnv = {},
  /**
   * `logs: true`: the process's log as in production (JSON, info and above, on stdout), for a test that reads it;
   * `logger`: a logger of the test's own (it reads the lines); `clock`: the instant the API decides
   * commands at (legal periods), real time otherwise.
   */
  { logs = false, clock, logger: given }: { logs?: boolean } & Pick<EngineOptions, 'clock' | 'logger'> = {},
): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'pj-e2e-'));
  const config = loadConfig({
    DATA_DIR: dir,
    // An empty PGLITE_DATA_DIR would be resolved; 'memory' has no meaning to PGlite, so use the dir.
    PGLITE_DATA_DIR: join(dir, 'pglite'),
    TEMPORAL_TASK_QUEUE: `e2e-${Date.now()}`,
    TEMPORAL_DEV_SERVER_PORT: '0',
    TEMPORAL_DEV_SERVER_UI_PORT: '0',
    OIDC_DEV_PROVIDER_PORT: '0',
    PORT: '0',
    ...env,
  });
  const logger =
    given ??
    (logs
      ? // JSON lines through process.stdout.write, where a test that reads the log catches them.
        createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, { write: (line: string) => process.stdout.write(line) })
      : silentLogger);
  const engine = await startEngine(config, { logger, ...(clock ? { clock } : {}) });
  const baseUrl = (await engine.app.getUrl()).replace('[::1]', '127.0.0.1');
  const stopEngine = engine.stop.bind(engine);
  return Object.assign(engine, {
    baseUrl,
    tokens: (organisationId?: string, claims?: DevelopmentClaims) =>
      developmentTokens(DEVELOPMENT_JWT_SECRET, organisationId, claims),
    providerTokens: async (organisationId?: string) => {
      const client = {
        clientId: engine.identity.webClient.clientId,
        redirectUri: engine.identity.webClient.redirectUris[0]!,
      };
      const signedIn = await Promise.all(
        ROLES.map(async (role) => {
          const { accessToken } = await signInThroughProvider(
            engine.identity.issuer,
            client,
            developmentUser(role, organisationId).sub,
          );
          return [role, accessToken] as const;
        }),
      );
      return Object.fromEntries(signedIn) as Record<Role, string>;
    },
    stop: async () => {
      // The engine's own stop, not this one (Object.assign replaces it on the same object).
      await stopEngine();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A response body as JSON; tests read fields freely and assert on them. */

export const body = async (response: Response): Promise<any> => response.json();
