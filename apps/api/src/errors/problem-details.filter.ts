import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@pj/domain';
import { IdempotencyConflictError, InvalidEventStoreInputError, WrongExpectedRevisionError } from '@pj/event-store';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  readonly errors?: readonly { field: string; reason: string }[];
  readonly [extension: string]: unknown;
}

/** The one place errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const problem = this.toProblem(error);
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
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
      const errors = typeof body === 'object' && body !== null && 'errors' in body ? (body.errors as ProblemDetails['errors']) : undefined;
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
}
