import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AllowRoles } from '../auth/auth.decorators';
import type { Role } from '../auth/roles';
import { PROCESS_MANAGER, ReadsFrom } from '../read-models/log-position';
import { CommandAccepted } from './command-accepted';
import { WorkflowUpdateAcceptedView } from './workflow-update-accepted.view';

const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Retry-safe command id (or `commandId` in the body), scoped to the caller: a retry of the same request ' +
    '(method, path, body) returns the first result with `replayed: true`; the key with another request is ' +
    '422 `idempotency.key_reused`',
  example: 'scc-2026-0001-award',
});

const common = (roles: readonly Role[], summary: string) => [
  ApiBearerAuth(),
  HttpCode(201),
  AllowRoles(...roles),
  ApiOperation({ summary, description: `Allowed roles: ${roles.join(', ')}.` }),
  idempotencyKey,
  ApiResponse({ status: 400, description: 'A field is missing or malformed (problem details name it)' }),
  ApiResponse({ status: 403, description: 'The caller’s role, supplier or factories may not do this' }),
  ApiResponse({ status: 404, description: 'No such thing in the caller’s organisation' }),
  ApiResponse({ status: 422, description: 'A business rule forbids it; `code` names the rule' }),
];

/** A POST that runs one domain command: roles, headers and every answer it can give, documented. */
export const CommandEndpoint = (path: string, roles: readonly Role[], summary: string) =>
  applyDecorators(
    Post(path),
    ...common(roles, summary),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The stream revision the caller decided on; 409 if it has changed since',
      example: '4',
    }),
    ApiResponse({ status: 201, type: CommandAccepted, description: 'Recorded (or the first result of a retry)' }),
    ApiResponse({ status: 409, description: 'The stream changed since the If-Match revision' }),
  );

/** A POST that sends a validated update to a running workflow, in the caller's name. */
export const WorkflowUpdateEndpoint = (path: string, roles: readonly Role[], summary: string) =>
  applyDecorators(
    Post(path),
    ...common(roles, summary),
    ApiResponse({ status: 201, type: WorkflowUpdateAcceptedView, description: 'The workflow took the update' }),
    ApiResponse({ status: 409, description: 'A concurrent change' }),
  );

/**
 * A GET of a workflow's status (step and next deadline). Min-Log-Position waits for the process
 * manager, which starts workflows; a workflow it has not started yet is `{ status: 'starting' }`.
 */
export const WorkflowStatusEndpoint = (roles: readonly Role[], summary: string, example: object) =>
  applyDecorators(
    ApiBearerAuth(),
    AllowRoles(...roles),
    ReadsFrom(PROCESS_MANAGER),
    ApiOperation({ summary }),
    ApiOkResponse({
      description:
        'The workflow’s own view of where it stands; `{ "status": "starting" }` while the process manager has ' +
        'not yet started the workflow for the latest event of the thing',
      schema: { type: 'object', example },
    }),
    ApiResponse({ status: 403, description: 'The role may not read this' }),
    ApiResponse({ status: 404, description: 'No such thing in the caller’s organisation, or no workflow for it' }),
  );
