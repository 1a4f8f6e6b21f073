import { createParamDecorator, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import type { Logger } from '@pj/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { API_PREFIX } from '../api-prefix';
import type { Caller } from '../auth/roles';

/** The header a request's correlation id is read from and answered in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A request id a caller may choose: what a proxy or a client generates (UUIDs, ULIDs, hex), nothing else. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$/;
/** W3C Trace Context: version, trace id, parent id, flags; the trace id (not all zeros) names the request. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The workers' door (`/api/public/grievances…`): a correlation id the request brings is not taken
 * (a proxy's id would tie the grievance's events to the proxy's access log, which has the client's
 * address): each request gets a fresh one.
 */
export function isWorkersDoor(path: string): boolean {
  return path === `/${API_PREFIX}/public/grievances` || path.startsWith(`/${API_PREFIX}/public/grievances/`);
}

const pathOf = (request: IncomingMessage) => String(request.url ?? '').split('?')[0];

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A request's correlation id: its X-Request-Id when well formed, else the trace id of its
 * traceparent, else a new UUID; answered in X-Request-Id. It goes into every log line of the request,
 * the metadata of the events its commands record (`correlationId`), the memo of the workflows those
 * events start and those workflows' activity logs.
 */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const brought = isWorkersDoor(pathOf(request))
    ? undefined
    : ([header(request, 'x-request-id')].find((id) => id !== undefined && REQUEST_ID.test(id)) ??
      TRACEPARENT.exec(header(request, 'traceparent') ?? '')?.[1]?.replace(/^0{32}$/, ''));
  const id = brought || randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** What Express and the auth guard add to a request (no @types/express here). */
type Request = IncomingMessage & {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
  readonly caller?: Caller;
};

/** The route's pattern (`/api/cases/:caseId`), never the URL: ids and queries stay out of the log. */
function routeOf(request: Request): string | undefined {
  const route = request.route?.path;
  return typeof route === 'string' ? `${request.baseUrl ?? ''}${route}` : undefined;
}

/**
 * One line per request: method, route, status, duration, the caller's organisation and role and the
 * correlation id. Never a header (the bearer token, cookies), never the body, never the raw URL,
 * and no client address: not at the workers' door, where nothing may point at the sender, and so
 * not elsewhere either (a proxy in front keeps addresses in its own access log if it must).
 */
function requestLine(request: Request, response: ServerResponse, durationMs: number) {
  const { caller } = request;
  return {
    method: request.method,
    route: routeOf(request) ?? '(no route)',
    status: response.statusCode,
    durationMs,
    ...(caller ? { organisationId: caller.organisationId, role: caller.role } : {}),
  };
}

/**
 * nestjs-pino over the process's logger: Nest's own messages and every log line written while a
 * request is handled carry its correlation id; the request line is written when the answer is sent.
 */
export function requestLogModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      genReqId: correlationIdOf,
      customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
      // Only the correlation id is bound to the request's lines; the request line is built below.
      quietReqLogger: true,
      quietResLogger: true,
      customSuccessObject: (request, response, values) => requestLine(request, response, values.durationMs as number),
      customErrorObject: (request, response, error, values) => ({
        ...requestLine(request, response, values.durationMs as number),
        err: error,
      }),
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request failed',
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      // The web app's files are not requests to the engine.
      autoLogging: { ignore: (request) => !pathOf(request).startsWith(`/${API_PREFIX}/`) },
    },
  });
}

/** The current request's correlation id, for a command a controller builds itself. */
export const CorrelationId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<{ id?: string }>().id,
);
