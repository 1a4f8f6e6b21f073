import { refusalOf } from '@pj/contracts';

export interface DomainRefusal {
  readonly code: string;
  readonly details: Record<string, unknown>;
}

/** The rule a command broke, when an activity failed because the domain refused it; else undefined. */
export function domainRefusal(error: unknown): DomainRefusal | undefined {
  const refusal = refusalOf(error);
  return refusal && { code: refusal.code, details: { ...refusal.details } };
}
