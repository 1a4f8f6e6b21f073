import { createLogger, loadConfig } from '@pj/config';
import pino from 'pino';
import { DataDirectoryLockedError } from '@pj/event-store';
import { catchMailInDevelopment } from '@pj/notifications';
import { startEngine } from './engine';

/**
 * `npm start`: the whole engine in one process on a fresh machine (embedded Temporal and store,
 * API, worker). TEMPORAL_ADDRESS, EVENT_STORE and WORKER_EMBEDDED=false scale it out (README).
 */
const logger = createLogger();

async function main() {
  const { config, sink } = await catchMailInDevelopment(loadConfig());
  const engine = await startEngine(config, { logger });
  const base = `http://${config.http.host}:${config.http.port}`;
  const temporal = engine.embeddedTemporal;
  logger.info(
    [
      '',
      'Procurement Journey is running',
      `  Web app        ${base}/`,
      `  API            ${base}/api`,
      `  OpenAPI        ${base}/api/docs  (JSON: ${base}/api/docs-json)`,
      `  Health         ${base}/api/health`,
      `  Temporal UI    ${temporal ? temporal.uiUrl : `(external Temporal at ${engine.temporalAddress})`}`,
      `  Temporal       ${engine.temporalAddress}${temporal ? `  (embedded dev server, CLI from ${temporal.source})` : ''}`,
      `  Event store    ${config.eventStore.kind}${config.eventStore.kind === 'pglite' ? ` (${config.eventStore.dataDir})` : ''}`,
      `  Worker         ${engine.worker ? 'in this process' : 'separate (WORKER_EMBEDDED=false)'}`,
      `  Sign-in        ${engine.identity.issuer}${engine.developmentProvider ? '  (development OpenID provider)' : ''}`,
      ...(engine.developmentProvider
        ? [`  Users          ${engine.developmentProvider.users.map((user) => user.sub).join(', ')}`]
        : []),
      ...(config.jwtSecret ? ['  Tokens         npm run tokens  (development tokens, not in production)'] : []),
      `  Mail           ${sink ? `caught in ${config.dataDir}/mail (no SMTP_URL): npm run cli -- mail` : config.notifications.smtpUrl ? `sent through ${new URL(config.notifications.smtpUrl).host}` : 'not sent (no SMTP_URL)'}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await engine.stop();
    await sink?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  // Why the engine did not start goes to stderr, written before exiting, where a person or a supervisor looks.
  const failure = createLogger(process.env, pino.destination({ dest: 2, sync: true }));
  // A refusal to share the data directory is a message for the person, not a stack trace.
  if (error instanceof DataDirectoryLockedError) failure.fatal(error.message);
  else failure.fatal({ err: error }, 'the engine could not start');
  process.exit(1);
});
