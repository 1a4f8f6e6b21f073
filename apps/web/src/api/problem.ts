/** RFC 9457 problem details: every error answer of the API (apps/api/src/errors). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  /** 400: each field at fault (dotted path) and why. */
  readonly errors?: readonly { field: string; reason: string }[];
  /** 403 `access.role_not_allowed`: the roles that may. */
  readonly allowedRoles?: readonly string[];
}

export const isProblem = (value: unknown): value is ProblemDetails =>
  typeof value === 'object' && value !== null && 'status' in value && 'type' in value;

/** A failed read, thrown so TanStack Query shows it; carries the problem when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails,
  ) {
    super(problem ? `${problem.title}: ${problem.detail}` : `the API answered ${status}`);
  }
}

/**
 * The JSON data of an openapi-fetch answer, or an ApiError (for query functions). Lists also offer
 * text/csv, which the client never asks for: the string case is excluded.
 */
export function dataOf<T>(answer: { data?: T; error?: unknown; response: Response }): Exclude<T, string> {
  if (answer.data !== undefined && answer.response.ok && typeof answer.data !== 'string')
    return answer.data as Exclude<T, string>;
  throw new ApiError(answer.response.status, isProblem(answer.error) ? answer.error : undefined);
}
