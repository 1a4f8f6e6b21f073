import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { ID_RULE, isId } from '@pj/domain';

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A 400 that names each field and its reason, as DTO validation answers. */
export const invalidInput = (problems: readonly FieldProblem[]) =>
  new BadRequestException({
    message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    errors: problems,
  });

/**
 * C0 control characters and DEL. Tab, line feed and carriage return stay allowed: free text
 * (allegations, reasons) has lines. NUL would also stop every read model (PostgreSQL text and
 * jsonb refuse it).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Which names hold client-chosen ids, in bodies, paths and queries alike: `…Id` (and each item of
 * `…Ids`). The command id is the Idempotency-Key's alternative, not an aggregate's id.
 */
const isIdName = (name: string) => /[a-z]Id$/.test(name) && name !== 'commandId';
const isIdListName = (name: string) => /[a-z]Ids$/.test(name);

/** What is wrong with the text in a request value, field by field (nested bodies included). */
export function textProblems(value: unknown, field = '', name = field): FieldProblem[] {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value))
      return [{ field, reason: 'must not contain control characters (NUL, escape…); only tab and line breaks' }];
    if (isIdName(name) && !isId(value)) return [{ field, reason: ID_RULE }];
    return [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) =>
      textProblems(item, field ? `${field}.${index}` : String(index), isIdListName(name) ? name.slice(0, -1) : ''),
    );
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => [
      ...(CONTROL_CHARACTER.test(key) ? [{ field: field ? `${field}.${key}` : key, reason: 'names no field' }] : []),
      ...textProblems(item, field ? `${field}.${key}` : key, key),
    ]);
  return [];
}

/**
 * DTO validation: unknown fields are rejected, and every problem names its field. Before any DTO
 * is looked at, every string of the body, path and query is checked once for control characters,
 * and every id (a field named `…Id`) against the one id format (`ID_PATTERN`, libs/domain).
 */
class InputValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = textProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problems.length > 0) throw invalidInput(problems);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new InputValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => invalidInput(flatten(errors)),
});

/** Deeper JSON is refused before it is parsed: no request needs it, and deep nesting exhausts the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * The JSON body parser's `verify` hook: counts nesting in the raw bytes (outside strings) and
 * refuses a body deeper than MAX_JSON_DEPTH with 400, for every route at once.
 */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c)
        i += 1; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH)
        throw Object.assign(new Error(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), {
          status: 400,
          type: 'entity.too.deep',
        });
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
}
