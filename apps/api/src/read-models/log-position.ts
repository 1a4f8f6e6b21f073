import {
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { readAfterWaitMs } from '@pj/config';
import { KnownError, type ErrorKind } from '@pj/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  SqlCheckpointStore,
  SqlEventStore,
  type EventStore,
  type LogPosition,
  type SqlDriver,
} from '@pj/event-store';
import type { Projection, ProjectionRunner } from '@pj/projections';
import { PROCESS_MANAGER_SUBSCRIBER } from '../../../worker/src/process-manager/process-manager';
import { EVENT_STORE, PROJECTIONS, READ_MODELS } from '../infrastructure/tokens';

// Read your own writes: a command's answer names the log position of its last event (body `position`,
// header Log-Position); a read sent with that position in Min-Log-Position waits, bounded, until what
// it reads from has passed it.

/** The request header a read waits on. */
export const MIN_LOG_POSITION = 'Min-Log-Position';
/** The response header of a command's position. */
export const LOG_POSITION = 'Log-Position';
/** Seconds a reader is told to wait when its read model has not caught up in time. */
export const READ_MODEL_RETRY_AFTER_SECONDS = 1;

/** The process manager as a read source: workflows exist once it has passed the event that starts them. */
export const PROCESS_MANAGER = 'process-manager';
/** What a read endpoint reads from: a projection's read model, or the process manager (workflow status). */
export type ReadSource = Projection | typeof PROCESS_MANAGER;

const READS_FROM = Symbol('readsFrom');

/**
 * What a GET reads, so that Min-Log-Position waits for exactly that. On a controller or a method;
 * `@ReadsFrom()` with nothing says the endpoint reads the event log itself (nothing to wait for).
 * A GET without it waits for every projection.
 */
export const ReadsFrom = (...sources: ReadSource[]) => SetMetadata(READS_FROM, sources);

/** The read model did not pass the position in time. */
export class ReadModelBehindError extends KnownError {
  readonly kind: ErrorKind = 'unavailable';
  override readonly title = 'The read model has not caught up yet';
  constructor(position: string, behind: readonly string[]) {
    super(
      'read_model.behind',
      `${behind.join(', ')} had not reached log position ${position} in time; retry after Retry-After`,
      { dependency: 'read-model', position, behind },
    );
  }
}

/** A Min-Log-Position that is not a position, or one no command can have answered. */
export class MalformedLogPositionError extends KnownError {
  readonly kind: ErrorKind = 'invalid';
  constructor(reason: string) {
    super('log_position.malformed', `${MIN_LOG_POSITION} ${reason}`, {
      errors: [{ field: MIN_LOG_POSITION, reason }],
    });
  }
}

/** Positions are 64-bit on every store (PostgreSQL xid8 and bigint, EventStoreDB's commit and prepare). */
const MAX_POSITION_PART = 2n ** 63n - 1n;

/** Where each read source stands in the log, and waiting until one has passed a position. */
@Injectable()
export class LogFollowers {
  private readonly checkpoints: SqlCheckpointStore;
  /** The SQL store's own database, where the log's head can be asked for (not with EventStoreDB). */
  private readonly log?: SqlDriver;

  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(READ_MODELS) readModels: SqlDriver,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.checkpoints = new SqlCheckpointStore(readModels);
    this.log = store instanceof SqlEventStore ? store.driver : undefined;
  }

  /**
   * Whether an event has been recorded at or after `position`. A command's own event is committed
   * before it answers, so a position beyond the log was answered by no command (a made-up one):
   * waiting for it would only end in 503. Assumed true where the store cannot say (EventStoreDB).
   */
  async isInLog(position: LogPosition): Promise<boolean> {
    if (!this.log) return true;
    const [row] = await this.log.query<{ reached: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pj_events
                       WHERE (transaction_id, global_position) >= ($1::text::xid8, $2::bigint)) AS reached`,
      [position.commit.toString(), position.prepare.toString()],
    );
    return row.reached;
  }

  /** What a GET that declares nothing waits for. */
  everyProjection(): readonly Projection[] {
    return this.projections.projections;
  }

  /** Whether the process manager (which may run in another process: its checkpoint is read) has passed `position`. */
  async processManagerHasPassed(position: LogPosition): Promise<boolean> {
    const checkpoint = await this.checkpoints.read(PROCESS_MANAGER_SUBSCRIBER);
    return checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;
  }

  /**
   * Waits until every source has passed `position`, at most `timeoutMs`; resolves to the sources
   * still behind (empty: all passed). Projections wake the wait themselves; the process manager's
   * stored checkpoint is read again with a growing pause (up to 200 ms).
   */
  async waitFor(sources: readonly ReadSource[], position: LogPosition, timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const names = sources.filter((source): source is Projection => source !== PROCESS_MANAGER).map((p) => p.name);
    const waiting = names.length > 0 && !this.projections.hasPassed(position, names);
    if ((waiting || sources.includes(PROCESS_MANAGER)) && !(await this.isInLog(position)))
      throw new MalformedLogPositionError('is beyond the end of the log: no command answered this position');
    const [projectionsPassed, processManagerPassed] = await Promise.all([
      names.length > 0 ? this.projections.waitFor(position, timeoutMs, names) : true,
      sources.includes(PROCESS_MANAGER) ? this.waitForProcessManager(position, deadline) : true,
    ]);
    return [
      ...(projectionsPassed ? [] : names.filter((name) => !this.projections.hasPassed(position, [name]))),
      ...(processManagerPassed ? [] : [PROCESS_MANAGER]),
    ];
  }

  private async waitForProcessManager(position: LogPosition, deadline: number): Promise<boolean> {
    for (let pause = 10; ; pause = Math.min(200, pause * 2)) {
      if (await this.processManagerHasPassed(position)) return true;
      if (Date.now() + pause > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** The position a read asks for, if any; 400 naming the header when it is not one. */
export function minLogPositionOf(header: string | string[] | undefined): LogPosition | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  let position: LogPosition;
  try {
    position = parsePosition(value.trim());
  } catch {
    throw new MalformedLogPositionError(
      `must be a log position as commands return it ("<commit>/<prepare>", decimal), got ${JSON.stringify(value.slice(0, 60))}`,
    );
  }
  if ([position.commit, position.prepare].some((part) => part < 0n || part > MAX_POSITION_PART))
    throw new MalformedLogPositionError('must be a log position: both parts between 0 and 2^63-1');
  return position;
}

/**
 * Applied to every endpoint: a GET with Min-Log-Position waits (READ_AFTER_WAIT_MS) for what it reads
 * from (`@ReadsFrom`, else every projection), then runs, or answers 503 with Retry-After; any other
 * answer with a string `position` gets it as the Log-Position header too.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  private readonly waitMs = readAfterWaitMs();

  constructor(
    private readonly reflector: Reflector,
    private readonly followers: LogFollowers,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; headers: Record<string, string | string[] | undefined> }>();
    const response = http.getResponse<{ setHeader(name: string, value: string): void; headersSent?: boolean }>();
    if (request.method === 'GET') {
      const position = minLogPositionOf(request.headers[MIN_LOG_POSITION.toLowerCase()]);
      if (position) {
        const sources = this.reflector.getAllAndOverride<ReadSource[] | undefined>(READS_FROM, [
          context.getHandler(),
          context.getClass(),
        ]) ?? [...this.followers.everyProjection()];
        const behind = await this.followers.waitFor(sources, position, this.waitMs);
        if (behind.length > 0) {
          response.setHeader('Retry-After', String(READ_MODEL_RETRY_AFTER_SECONDS));
          throw new ReadModelBehindError(formatPosition(position), behind);
        }
      }
      return next.handle();
    }
    return next.handle().pipe(
      map((body: unknown) => {
        const position = (body as { position?: unknown } | null | undefined)?.position;
        if (typeof position === 'string' && !response.headersSent) response.setHeader(LOG_POSITION, position);
        return body;
      }),
    );
  }
}

/**
 * The OpenAPI side, once for every operation: each GET takes Min-Log-Position and may answer 503;
 * each answer that carries a `position` says so in its Log-Position header.
 */
export function documentReadYourWrites(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const read = item.get;
    if (read) {
      read.parameters = [
        ...(read.parameters ?? []),
        {
          name: MIN_LOG_POSITION,
          in: 'header',
          required: false,
          description:
            'Read your own writes: the `position` (or Log-Position header) a command answered. The read waits, ' +
            'a few seconds at most, until what it reads from has passed that position; 503 with Retry-After if not.',
          schema: { type: 'string', pattern: '^\\d+/\\d+$', example: '7421/153' },
        },
      ];
      read.responses['503'] ??= {
        description: 'The read model had not reached Min-Log-Position in time (Retry-After says when to retry)',
      };
      read.responses['400'] ??= {
        description: 'A parameter or header is malformed (Min-Log-Position: also one beyond the end of the log)',
      };
    }
    for (const operation of [item.post, item.put, item.patch, item.delete])
      for (const [status, answer] of Object.entries(operation?.responses ?? {}))
        if (/^2/.test(status) && answer && 'description' in answer)
          answer.headers = {
            ...answer.headers,
            [LOG_POSITION]: {
              description: 'The log position of the last event recorded, when one was (as the body’s `position`)',
              schema: { type: 'string', example: '7421/153' },
            },
          };
  }
  return document;
}
