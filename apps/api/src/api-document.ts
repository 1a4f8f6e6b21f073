import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  PROBLEM_DETAILS,
  PROBLEM_DETAILS_REF,
  PROBLEM_MEDIA_TYPE,
  problemDetailsSchema,
  problemExample,
} from './errors/problem-details.openapi';
import { API_PREFIX } from './api-prefix';
import { documentReadYourWrites } from './read-models/log-position';

export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of the document, as `METHOD /path`. */
export function operationsOf(document: OpenAPIObject) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    OPERATION_METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method]!,
    })),
  );
}

type Schema = SchemaObject | ReferenceObject;

/**
 * An example built from a schema's own: a schema's or property's `example` (else its first `enum`
 * value), objects and arrays assembled from theirs. `missing` names each place without one, as
 * `Schema.property` (the class and property to give an `@ApiProperty({ example })`).
 */
export function composeExample(
  document: OpenAPIObject,
  schema: Schema,
  at = 'response',
  seen: ReadonlySet<string> = new Set(),
): { example?: unknown; missing: string[] } {
  if ('$ref' in schema) {
    const name = schema.$ref.split('/').pop()!;
    // A type that contains itself: one level is example enough.
    if (seen.has(name)) return { example: undefined, missing: [] };
    const target = document.components?.schemas?.[name];
    if (!target) return { missing: [`${at} (${schema.$ref} is not in components)`] };
    return composeExample(document, target, name, new Set([...seen, name]));
  }
  if (schema.example !== undefined) return { example: schema.example, missing: [] };
  if (schema.enum?.length) return { example: schema.enum[0], missing: [] };
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => composeExample(document, part, at, seen));
    return {
      example: Object.assign({}, ...parts.map((part) => part.example)),
      missing: parts.flatMap((part) => part.missing),
    };
  }
  const [first] = schema.oneOf ?? schema.anyOf ?? [];
  if (first) return composeExample(document, first, at, seen);
  if (schema.type === 'array' && schema.items) {
    const item = composeExample(document, schema.items, `${at}[]`, seen);
    return { example: item.example === undefined ? [] : [item.example], missing: item.missing };
  }
  if (schema.properties) {
    const example: Record<string, unknown> = {};
    const missing: string[] = [];
    for (const [name, property] of Object.entries(schema.properties)) {
      const composed = composeExample(document, property, `${at}.${name}`, seen);
      if (composed.example !== undefined) example[name] = composed.example;
      missing.push(...composed.missing);
    }
    return { example, missing };
  }
  return { missing: [at] };
}

/**
 * Puts the problem-details schema in `components` and makes every 4xx and 5xx answer of every
 * operation `application/problem+json` with it, whatever the controllers declared (an example a
 * controller gave is kept). A secured operation also documents its 401. Done once here, so a new
 * endpoint needs nothing but its own `@ApiResponse({ status, description })`.
 */
function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_DETAILS]: problemDetailsSchema },
  };
  for (const { operation } of operationsOf(document)) {
    if (operation.security?.length && !operation.responses['401'])
      operation.responses['401'] = { description: 'No valid bearer token' };
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^[45]\d\d$/.test(status) || !response || '$ref' in response) continue;
      const given = Object.values((response as ResponseObject).content ?? {}).find((media) => media.example);
      (response as ResponseObject).content = {
        [PROBLEM_MEDIA_TYPE]: {
          schema: { $ref: PROBLEM_DETAILS_REF },
          example: given?.example ?? problemExample(Number(status)),
        },
      };
    }
  }
  return document;
}

/**
 * Gives every success answer (2xx with a body) an example, composed from its schema's examples
 * where the controller gave none. Left without one when a property has no example: the contract
 * test (api-document.int.spec.ts) names it.
 */
function documentSuccessExamples(document: OpenAPIObject): OpenAPIObject {
  for (const { operation } of operationsOf(document))
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^2\d\d$/.test(status) || !response || '$ref' in response) continue;
      for (const media of Object.values((response as ResponseObject).content ?? {})) {
        if (media.example !== undefined || media.examples || !media.schema) continue;
        const { example, missing } = composeExample(document, media.schema);
        if (missing.length === 0 && example !== undefined) media.example = example;
      }
    }
  return document;
}

/**
 * The OpenAPI document of the API, served at /api/docs-json. Its paths are without the global
 * prefix (`/cases`) and its one server is `/api`: clients (openapi-fetch, schemathesis) join the two.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Procurement Journey')
      .setDescription(
        'Socially responsible public procurement, from policy to termination, as an event-sourced engine. ' +
          'Every error answer is RFC 9457 problem details (`application/problem+json`, schema `ProblemDetails`).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addServer(`/${API_PREFIX}`)
      .build(),
    { ignoreGlobalPrefix: true },
  );
  return documentSuccessExamples(documentProblems(documentReadYourWrites(document)));
}
