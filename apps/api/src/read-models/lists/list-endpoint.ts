import {
  applyDecorators,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { toCsv } from './csv';
import type { Page } from './list-params';
import type { ListSpec } from './list-spec';

/** What the interceptor uses of Express's request and response. */
interface Request {
  readonly originalUrl: string;
  accepts(types: string[]): string | false;
}
interface Response {
  setHeader(name: string, value: string): unknown;
  vary(field: string): unknown;
}

/**
 * Answers a list as its page (JSON), or as CSV when the request's Accept prefers `text/csv`: a
 * header row of the item fields, one row per item. Either way the next page is also in
 * `Link: <…>; rel="next"` (the same request with the next cursor).
 */
class ListAnswer implements NestInterceptor {
  constructor(private readonly columns: readonly string[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const csv = request.accepts(['application/json', 'text/csv']) === 'text/csv';
    return next.handle().pipe(
      map((page: Page<Readonly<Record<string, unknown>>>) => {
        response.vary('Accept');
        if (page.page.nextCursor !== null) {
          const next = new URL(request.originalUrl, 'http://list');
          next.searchParams.set('cursor', page.page.nextCursor);
          response.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
        }
        if (!csv) return page;
        response.setHeader('Content-Type', 'text/csv; charset=utf-8');
        return toCsv(this.columns, page.items);
      }),
    );
  }
}

/**
 * A list endpoint: its page as JSON or CSV, documented once. The handler answers a `Page` of the
 * spec's items (`ListQuery`); the CSV columns are the spec's fields.
 */
export function ListEndpoint<View>(
  spec: ListSpec<View, never>,
  response: { readonly type: Type<unknown>; readonly description: string },
): MethodDecorator {
  const columns = Object.keys(spec.fields);
  return applyDecorators(
    ApiExtraModels(response.type),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description: `${response.description}. Pages with \`?limit=\` and \`?cursor=\`; with \`Accept: text/csv\`, the items as CSV`,
      headers: {
        Link: {
          description: 'The next page, when there is one: `<…&cursor=…>; rel="next"`',
          schema: { type: 'string' },
        },
      },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(response.type) } },
        'text/csv': {
          schema: { type: 'string' },
          example: `${columns.join(',')}\r\n`,
        },
      },
    }),
    ApiResponse({ status: 400, description: 'A bad filter, sort, search, limit or cursor (the problem names it)' }),
    UseInterceptors(new ListAnswer(columns)),
  );
}
