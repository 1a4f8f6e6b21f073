import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AggregateName, CommandData, CommandOf, CommandTypeOf } from '@pj/application';
import type { CommandMetadata } from '@pj/domain';
import { canonicalJson } from '@pj/event-store';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { accessOf, type Caller } from '../auth/roles';
import { InvalidInputError } from '../errors/request-errors';
import type { CommandSetting } from './command-clock.interceptor';
import { commandMetadataFrom } from './command-metadata';
import { DomainCommand } from './domain-command.command';
import { WorkflowStatusQuery } from './workflow-status.query';
import { WorkflowUpdateCommand, type WorkflowTarget } from './workflow-update.command';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyUpdate = UpdateDefinition<any, [any]>;

/**
 * A workflow as a controller names it: its workflow id is a function of the organisation, since
 * the ids in the path are the caller's organisation's own (`breachEscalationWorkflowId` and the like).
 */
export type WorkflowOf = Omit<WorkflowTarget, 'access' | 'workflowId'> & {
  readonly workflowId: (organisationId: string) => string;
};

/** The target in the caller's organisation, with the caller's scope. */
function targetFor(caller: Caller, { workflowId, ...target }: WorkflowOf): WorkflowTarget {
  const access = accessOf(caller);
  return { ...target, workflowId: workflowId(access.organisationId), access };
}

/** The revision of `If-Match` (a number, optionally quoted like an ETag), or undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
  if (!match)
    throw new InvalidInputError('If-Match must be the stream revision the caller saw, e.g. 3', [
      { field: 'If-Match', reason: 'must be a whole number (the stream revision)' },
    ]);
  return Number(match[1]);
}

/** Plain JSON data without the transport's command id (class instances and undefined dropped). */
function commandData<Data extends object>(body: Data): Data {
  const { commandId: _commandId, ...data } = JSON.parse(JSON.stringify(body)) as Data & { commandId?: unknown };
  return data as Data;
}

/**
 * SHA-256 of what an idempotency key is given for: the method, the path and the body (RFC 8785
 * canonical JSON, so key order and spacing do not matter; the body's commandId is the key itself).
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? commandData(body) : (body ?? null);
  return createHash('sha256')
    .update(canonicalJson({ method: method.toUpperCase(), path, body: data }))
    .digest('hex');
}

/**
 * What every write endpoint needs from the request, built once: the caller, the command metadata
 * (id from Idempotency-Key or the body's commandId), the If-Match revision and the caller's scope.
 * It builds the bus messages, so controllers only say which command and which aggregate.
 */
export class CommandRequest {
  private cachedMetadata?: CommandMetadata;

  constructor(
    readonly caller: Caller,
    private readonly idempotencyKey: string | undefined,
    private readonly bodyCommandId: string | undefined,
    readonly expectedRevision: number | undefined,
    /** See {@link requestFingerprint}. */
    readonly fingerprint: string,
    /** The instant and the buyer's calendar the request's commands are decided in. */
    private readonly setting: CommandSetting,
    /** The request's correlation id (X-Request-Id, logging/request-log.ts), carried into the events' metadata. */
    readonly correlationId?: string,
  ) {}

  /** One per request: building two commands from it gives them the same id and instant. */
  get metadata(): CommandMetadata {
    this.cachedMetadata ??= commandMetadataFrom(this.caller, this.setting, this.idempotencyKey, this.bodyCommandId);
    return this.cachedMetadata;
  }

  /**
   * A domain command on one aggregate; `data` is the DTO plus the ids from the path. The compiler
   * checks that the type is one of the aggregate's commands and that the DTO fits its data.
   */
  command<A extends AggregateName, T extends CommandTypeOf<A>>(
    aggregate: A,
    aggregateId: string,
    type: T,
    data: CommandData<A, T>,
  ): DomainCommand {
    return this.assemble(aggregate, aggregateId, type, data);
  }

  /** A command on a procurement case: the path's case id (and any other path ids) join the body. */
  onCase<T extends CommandTypeOf<'procurementCase'>, PathIds extends Record<string, string> = Record<never, string>>(
    caseId: string,
    type: T,
    body: Omit<CommandData<'procurementCase', T>, 'caseId' | keyof PathIds>,
    pathIds?: PathIds,
  ): DomainCommand {
    return this.assemble('procurementCase', caseId, type, { ...body, ...pathIds, caseId });
  }

  private assemble<A extends AggregateName>(
    aggregate: A,
    aggregateId: string,
    type: CommandTypeOf<A>,
    data: object,
  ): DomainCommand {
    // The callers above checked the type and its data; the compiler cannot see that the two make
    // a member of CommandOf<A> again.
    const command = { type, data: commandData(data), metadata: this.metadata } as CommandOf<A>;
    return new DomainCommand(aggregate, aggregateId, command, {
      access: accessOf(this.caller),
      requestFingerprint: this.fingerprint,
      ...(this.correlationId !== undefined ? { correlationId: this.correlationId } : {}),
      ...(this.expectedRevision !== undefined ? { expectedRevision: this.expectedRevision } : {}),
    });
  }

  /**
   * A validated workflow update in the caller's name. The update id is the command id bound to the
   * request: Temporal answers a retried update id with its first outcome and cannot compare
   * arguments, so a key reused for another request becomes another update, never the first one's.
   */
  update(target: WorkflowOf, update: AnyUpdate, payload: object): WorkflowUpdateCommand {
    const { commandId } = this.metadata;
    return new WorkflowUpdateCommand(
      targetFor(this.caller, target),
      update,
      { ...commandData(payload), actor: { id: this.caller.id, role: this.caller.role } },
      `${commandId}#${this.fingerprint.slice(0, 16)}`,
    );
  }
}

/** A workflow's status for a reader, scoped like a command. */
export function workflowStatus<T>(
  caller: Caller,
  target: WorkflowOf,
  query: QueryDefinition<T>,
): WorkflowStatusQuery<T> {
  return new WorkflowStatusQuery<T>(targetFor(caller, target), query);
}

/** Injects the CommandRequest of the current HTTP request. */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequest =>
  commandRequestOf(context.switchToHttp().getRequest()),
);

/**
 * The CommandRequest of an HTTP request whose body is `body`: the parsed JSON body, or what a
 * multipart upload amounts to (its fields and the stored content's hash), so a key reused for
 * another file is another request.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express's request, as Nest hands it over
export function commandRequestOf(request: any, body: unknown = request.body): CommandRequest {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bodyCommandId =
    typeof (body as { commandId?: unknown } | undefined)?.commandId === 'string'
      ? (body as { commandId: string }).commandId
      : undefined;
  const path = String(request.originalUrl ?? request.url).split('?')[0];
  return new CommandRequest(
    request.caller,
    header('idempotency-key'),
    bodyCommandId,
    parseIfMatch(header('if-match')),
    requestFingerprint(request.method, path, body),
    // Set by CommandClockInterceptor for every authenticated request.
    request.commandSetting,
    // Set by the request log (pino-http) for every request.
    typeof request.id === 'string' ? request.id : undefined,
  );
}
