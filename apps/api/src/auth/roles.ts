/** The roles a caller can hold; the organisation claim scopes what each may see and do. */
export const ROLES = ['contract_manager', 'compliance_officer', 'auditor', 'supplier', 'monitor'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from the bearer token. */
export interface Caller {
  readonly id: string;
  readonly role: Role;
  readonly organisationId: string;
}

/** Auditors read everything in their organisation. */
export const READERS: readonly Role[] = ['contract_manager', 'compliance_officer', 'auditor'];
