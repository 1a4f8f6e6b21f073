import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DOMAIN_RULE_FAILURE } from '@pj/contracts';

export interface DomainRefusal {
  readonly code: string;
  readonly details: Record<string, unknown>;
}

/** The rule a command broke, when an activity failed because the domain refused it; else undefined. */
export function domainRefusal(error: unknown): DomainRefusal | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (!(cause instanceof ApplicationFailure) || cause.type !== DOMAIN_RULE_FAILURE) return undefined;
  const [code, details] = (cause.details ?? []) as [unknown, unknown];
  return { code: String(code), details: (details ?? {}) as Record<string, unknown> };
}
