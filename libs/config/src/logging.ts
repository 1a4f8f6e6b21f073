import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { ConfigError } from './config';

export type { Logger } from 'pino';

const LEVELS: readonly (Level | 'silent')[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** LOG_LEVEL: trace, debug, info (the default), warn, error, fatal or silent; any case (the SDK's TRACE … ERROR too). */
export function logLevel(env: NodeJS.ProcessEnv = process.env): Level | 'silent' {
  const raw = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  if (raw === '') return 'info';
  const level = LEVELS.find((candidate) => candidate === raw);
  if (!level) throw new ConfigError('LOG_LEVEL', `must be one of ${LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return level;
}

/**
 * LOG_FORMAT: `json` (one JSON object a line, for machines) or `pretty` (for a person at a terminal).
 * Unset: pretty when stdout is a terminal, JSON otherwise.
 */
export function logFormat(
  env: NodeJS.ProcessEnv = process.env,
  terminal = Boolean(process.stdout.isTTY),
): 'json' | 'pretty' {
  const raw = env.LOG_FORMAT;
  if (raw === undefined || raw === '') return terminal ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new ConfigError('LOG_FORMAT', `must be json or pretty, got "${raw}"`);
}

/**
 * The one logger of a process (pino): the API's request lines, Nest's own messages, the worker, the
 * process manager, the projections, the outbox, and Temporal's SDK, workflow and activity logs all
 * go through it. `destination` replaces stdout (tests read the lines).
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: logLevel(env),
    timestamp: pino.stdTimeFunctions.isoTime,
    // The level's name, not its number: grep-able, and what log collectors expect.
    formatters: { level: (label) => ({ level: label }) },
  };
  if (!destination && logFormat(env) === 'pretty') {
    const pretty = prettyStream();
    if (pretty) return pino(options, pretty);
  }
  return pino(options, destination ?? pino.destination(1));
}

/** pino-pretty is a development dependency: without it (a production install) the lines stay JSON. */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

/** A logger that writes nothing (tests that do not read the log). */
export const silentLogger: Logger = pino({ level: 'silent' });
