import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ProblemDetails } from './problem-details.filter';
import { ROLES } from '../auth/roles';

export const PROBLEM_DETAILS = 'ProblemDetails';
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_DETAILS_REF = `#/components/schemas/${PROBLEM_DETAILS}`;

/**
 * What ProblemDetailsFilter writes (RFC 9457), field by field: the four members it always sets,
 * and the extensions some kinds add. Other extension members are allowed, as RFC 9457 says.
 */
export const problemDetailsSchema: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details: every error answer (4xx, 5xx) of this API, as `application/problem+json`. ' +
    'A 503 comes with Retry-After; a health check’s 503 adds its findings (`reasons`, each dependency’s state) as ' +
    'extension members.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description:
        'What kind of problem, as a URN: `urn:procurement-journey:` then `invalid-input`, `not-found`, `forbidden`, ' +
        '`conflict:<code>`, `rule:<code>`, `unavailable:<dependency>`, `http:<status>` (HTTP-level refusals: ' +
        'DTO validation, authentication, unknown routes) or `internal`',
      example: 'urn:procurement-journey:rule:idempotency.key_reused',
    },
    title: {
      type: 'string',
      description: 'Short summary of the kind of problem',
      example: 'A business rule forbids this',
    },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code', example: 422 },
    detail: {
      type: 'string',
      description: 'What went wrong with this request, in words',
      example: 'this Idempotency-Key was used for another request',
    },
    code: {
      type: 'string',
      description:
        'The error’s stable code (not found, forbidden, conflict, rule, unavailable): test this, not `detail`',
      example: 'idempotency.key_reused',
    },
    errors: {
      type: 'array',
      description: 'Invalid input (400): every field at fault and why',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', description: 'Dotted path of the field (`items.0.name`)', example: 'title' },
          reason: { type: 'string', example: 'title must be a string' },
        },
      },
      example: [{ field: 'title', reason: 'title must be a string' }],
    },
    allowedRoles: {
      type: 'array',
      items: { type: 'string', enum: [...ROLES] },
      description: 'A role refused (403 `access.role_not_allowed`): the roles that may call this endpoint',
      example: ['contract_manager'],
    },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'A broken business rule (422): the facts behind it, when the rule gives any',
      example: { deadline: '2026-04-01T00:00:00.000Z' },
    },
  },
  additionalProperties: true,
};

const URN = 'urn:procurement-journey:';

/** One realistic answer per status, as the filter writes it. */
const EXAMPLES: Readonly<Record<number, ProblemDetails>> = {
  400: {
    type: `${URN}http:400`,
    title: 'bad request',
    status: 400,
    detail: 'title: title must be a string',
    errors: [{ field: 'title', reason: 'title must be a string' }],
  },
  401: {
    type: `${URN}unauthenticated:auth.token_expired`,
    title: 'Not authenticated',
    status: 401,
    detail: 'the bearer token has expired',
    code: 'auth.token_expired',
  },
  403: {
    type: `${URN}forbidden`,
    title: 'Forbidden',
    status: 403,
    detail: 'the role auditor may not POST /cases',
    code: 'access.role_not_allowed',
    allowedRoles: ['contract_manager'],
  },
  404: {
    type: `${URN}not-found`,
    title: 'Not found',
    status: 404,
    detail: 'case 3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11 not found',
    code: 'case.not_found',
  },
  409: {
    type: `${URN}conflict:wrong_expected_revision`,
    title: 'Concurrent change',
    status: 409,
    detail: 'the stream is at revision 5, not 4',
    code: 'wrong_expected_revision',
  },
  422: {
    type: `${URN}rule:idempotency.key_reused`,
    title: 'A business rule forbids this',
    status: 422,
    detail: 'this Idempotency-Key was used for another request',
    code: 'idempotency.key_reused',
  },
  500: {
    type: `${URN}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'an unexpected error occurred; it has been logged',
  },
  503: {
    type: `${URN}unavailable:event-store`,
    title: 'Service unavailable',
    status: 503,
    detail: 'the database is unavailable; retry with the same Idempotency-Key',
    code: 'store_unavailable',
  },
};

/** An answer of this status as the filter writes it (for the document's examples). */
export const problemExample = (status: number): ProblemDetails =>
  EXAMPLES[status] ?? {
    type: `${URN}http:${status}`,
    title: 'error',
    status,
    detail: `the request failed with ${status}`,
  };
