import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { KnownError, type ErrorKind } from '@pj/domain';

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

const URN = 'urn:procurement-journey:';

const code = (error: KnownError) => ({ code: error.code });
/** Members an error's details may not set: the problem's own, and what `type` already says. */
const RESERVED_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'dependency']);

/**
 * Each kind of the one error hierarchy as a problem. Missing and another organisation's answer
 * alike (not_found): the id reveals nothing. A dependency down (unavailable): nothing is known to
 * have happened, and a retry with the same Idempotency-Key is safe.
 */
const PROBLEM_OF_KIND: {
  readonly [K in ErrorKind]: {
    readonly status: HttpStatus;
    readonly title: string;
    readonly type: (error: KnownError) => string;
    readonly extensions: (error: KnownError) => Partial<ProblemDetails>;
  };
} = {
  invalid: {
    status: HttpStatus.BAD_REQUEST,
    title: 'Invalid input',
    type: () => `${URN}invalid-input`,
    extensions: (error) => ({ errors: error.details.errors as ProblemDetails['errors'] }),
  },
  // Who is calling is not established: the bearer token is missing or refused (code says why).
  unauthenticated: {
    status: HttpStatus.UNAUTHORIZED,
    title: 'Not authenticated',
    type: (error) => `${URN}unauthenticated:${error.code}`,
    extensions: code,
  },
  not_found: { status: HttpStatus.NOT_FOUND, title: 'Not found', type: () => `${URN}not-found`, extensions: code },
  forbidden: {
    status: HttpStatus.FORBIDDEN,
    title: 'Forbidden',
    type: () => `${URN}forbidden`,
    // A role refused by the guard: the roles that may, so the client can say whom to ask.
    extensions: (error) => ({
      code: error.code,
      ...(Array.isArray(error.details.allowedRoles) ? { allowedRoles: error.details.allowedRoles as string[] } : {}),
    }),
  },
  conflict: {
    status: HttpStatus.CONFLICT,
    title: 'Concurrent change',
    type: (error) => `${URN}conflict:${error.code}`,
    extensions: code,
  },
  rule: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'A business rule forbids this',
    type: (error) => `${URN}rule:${error.code}`,
    extensions: (error) => ({
      code: error.code,
      ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}),
    }),
  },
  too_large: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    title: 'Content too large',
    type: (error) => `${URN}too-large:${error.code}`,
    extensions: (error) => ({ code: error.code, ...error.details }),
  },
  gone: {
    status: HttpStatus.GONE,
    title: 'Gone',
    type: (error) => `${URN}gone:${error.code}`,
    extensions: (error) => ({ code: error.code, ...error.details }),
  },
  unavailable: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    title: 'Service unavailable',
    type: (error) => `${URN}unavailable:${String(error.details.dependency)}`,
    // What the thrower found (a health check's findings) as extension members; `dependency` is in `type`.
    extensions: (error) => ({
      ...Object.fromEntries(Object.entries(error.details).filter(([name]) => !RESERVED_MEMBERS.has(name))),
      code: error.code,
    }),
  },
};

/**
 * The one place errors become HTTP responses (RFC 9457 problem details): the error hierarchy by
 * kind, Nest's own HTTP exceptions (validation, unknown routes), and anything else a fault (500,
 * logged; a stored event that cannot be read is one).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const problem = this.toProblem(error);
    // Every 503 says when to come back, unless its thrower already did.
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('retry-after'))
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    // RFC 6750 §3: a 401 names the scheme, and says when a token was presented and refused.
    if (problem.status === HttpStatus.UNAUTHORIZED)
      response.setHeader(
        'WWW-Authenticate',
        problem.code === 'auth.token_missing' ? 'Bearer' : 'Bearer error="invalid_token"',
      );
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof KnownError) {
      const { status, title, type, extensions } = PROBLEM_OF_KIND[error.kind];
      return {
        type: type(error),
        title: error.title ?? title,
        status,
        detail: error.publicMessage ?? error.message,
        ...extensions(error),
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const errors =
        typeof body === 'object' && body !== null && 'errors' in body
          ? (body.errors as ProblemDetails['errors'])
          : undefined;
      return {
        type: `${URN}http:${status}`,
        title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: error.message,
        ...(errors ? { errors } : {}),
      };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return {
      type: `${URN}internal`,
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'an unexpected error occurred; it has been logged',
    };
  }
}
