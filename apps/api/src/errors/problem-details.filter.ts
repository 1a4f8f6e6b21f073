import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { AggregateNotFoundError, PartyNotAllowedError } from '@pj/application';
import { DOMAIN_RULE_FAILURE } from '@pj/contracts';
import { DomainError } from '@pj/domain';
import {
  IdempotencyConflictError,
  InvalidEventStoreInputError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@pj/event-store';
import { isTemporalUnreachable } from '../commands/temporal-client';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  readonly errors?: readonly { field: string; reason: string }[];
  readonly [extension: string]: unknown;
}

/** Seconds a client should wait before retrying when a dependency is down (a reconnect takes about this). */
export const RETRY_AFTER_SECONDS = 5;

/** The one place errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const problem = this.toProblem(error);
    // Every 503 says when to come back, unless its thrower already did.
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('retry-after'))
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
    // Missing and another organisation's answer alike: the id reveals nothing.
    if (error instanceof AggregateNotFoundError)
      return {
        type: 'urn:procurement-journey:not-found',
        title: 'Not found',
        status: HttpStatus.NOT_FOUND,
        detail: error.message,
        code: error.code,
      };
    if (error instanceof PartyNotAllowedError)
      return {
        type: 'urn:procurement-journey:forbidden',
        title: 'Forbidden',
        status: HttpStatus.FORBIDDEN,
        detail: error.message,
        code: error.code,
      };
    if (error instanceof WorkflowNotFoundError)
      return {
        type: 'urn:procurement-journey:not-found',
        title: 'Not found',
        status: HttpStatus.NOT_FOUND,
        detail: 'no running workflow for this; it may not have started yet or has finished',
      };
    if (error instanceof WorkflowUpdateFailedError) return this.updateRefused(error);
    if (error instanceof DomainError)
      return {
        type: `urn:procurement-journey:rule:${error.code}`,
        title: 'A business rule forbids this',
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        detail: error.message,
        code: error.code,
        ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}),
      };
    if (error instanceof WrongExpectedRevisionError || error instanceof IdempotencyConflictError)
      return {
        type: `urn:procurement-journey:conflict:${error.code}`,
        title: 'Concurrent change',
        status: HttpStatus.CONFLICT,
        detail: error.message,
        code: error.code,
      };
    // A dependency is down (database connection lost, Temporal unreachable): nothing is known to
    // have happened, and a retry with the same Idempotency-Key is safe.
    if (error instanceof StoreUnavailableError)
      return {
        type: 'urn:procurement-journey:unavailable:event-store',
        title: 'Service unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'the database is unavailable; retry with the same Idempotency-Key',
        code: error.code,
      };
    if (isTemporalUnreachable(error))
      return {
        type: 'urn:procurement-journey:unavailable:temporal',
        title: 'Service unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'the workflow engine did not answer in time; retry later',
        code: 'temporal_unavailable',
      };
    if (error instanceof InvalidEventStoreInputError)
      return {
        type: 'urn:procurement-journey:invalid-input',
        title: 'Invalid input',
        status: HttpStatus.BAD_REQUEST,
        detail: error.message,
        errors: [{ field: error.field, reason: error.reason }],
      };
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const errors =
        typeof body === 'object' && body !== null && 'errors' in body
          ? (body.errors as ProblemDetails['errors'])
          : undefined;
      return {
        type: `urn:procurement-journey:http:${status}`,
        title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: error.message,
        ...(errors ? { errors } : {}),
      };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return {
      type: 'urn:procurement-journey:internal',
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'an unexpected error occurred; it has been logged',
    };
  }

  /**
   * A workflow refused an update: the domain's refusal (DomainRuleViolation, rule code in
   * details[0]) or the update's validator (InvalidUpdate). Both are 422; nothing was recorded.
   */
  private updateRefused(error: WorkflowUpdateFailedError): ProblemDetails {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type === DOMAIN_RULE_FAILURE) {
      const [code, details] = (cause.details ?? []) as [unknown, unknown];
      return {
        type: `urn:procurement-journey:rule:${String(code)}`,
        title: 'A business rule forbids this',
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        detail: cause.message,
        code: String(code),
        ...(details && typeof details === 'object' && Object.keys(details).length > 0 ? { details } : {}),
      };
    }
    return {
      type: 'urn:procurement-journey:rule:workflow.update_rejected',
      title: 'The workflow refused this now',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      detail: cause instanceof Error ? cause.message : error.message,
      code: 'workflow.update_rejected',
    };
  }
}
