import { KnownError, type ErrorKind } from '@pj/domain';
import type { FieldProblem } from './validation';

// The API's own refusals, in the one error hierarchy: the problem-details filter maps them by kind.

/** Something the caller names is not there for its organisation (missing and another's answer alike). */
export class NotFoundError extends KnownError {
  readonly kind: ErrorKind = 'not_found';
  constructor(subject: string, id: string) {
    super(`${subject}.not_found`, `${subject} ${id} not found`, { subject, id });
  }
}

/** A header, query or body value the request cannot be served with, field by field. */
export class InvalidInputError extends KnownError {
  readonly kind: ErrorKind = 'invalid';
  constructor(message: string, errors: readonly FieldProblem[]) {
    super('input.invalid', message, { errors });
  }
}

/** The caller's role may not use this route; the answer names the roles that may (a screen says whom to ask). */
export class RoleNotAllowedError extends KnownError {
  readonly kind: ErrorKind = 'forbidden';
  constructor(role: string, method: string, path: string, allowedRoles: readonly string[]) {
    super('access.role_not_allowed', `the role ${role} may not ${method} ${path}`, { role, allowedRoles });
  }
}

/** What the request needs is not there on this server now; `dependency` names it (in the problem's type). */
export class DependencyUnavailableError extends KnownError {
  readonly kind: ErrorKind = 'unavailable';
  constructor(dependency: string, code: string, message: string) {
    super(code, message, { dependency });
  }
}
