/** The roles a caller can hold; the organisation claim scopes what each may see and do. */
export const ROLES = ['contract_manager', 'compliance_officer', 'auditor', 'supplier', 'monitor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The authenticated caller, from the bearer token. `organisationId` is the buyer the caller acts
 * for (a supplier or monitor acts within one buyer's procurement); suppliers also carry the
 * supplier they answer for, monitors the factories they are assigned to.
 */
export interface Caller {
  readonly id: string;
  readonly role: Role;
  readonly organisationId: string;
  /** Suppliers only (`supplierId` claim): their own bids and contracts. */
  readonly supplierId?: string;
  /** Monitors only (`factories` claim): the factories they report on. */
  readonly factoryIds?: readonly string[];
  /** The person's name, when the token carries it (`name` claim, or as mapped). */
  readonly name?: string;
  /** The person's email address, when the token carries it (`email` claim, or as mapped). */
  readonly email?: string;
  /** The person's preferred language, when the token carries it (`locale` claim, or as mapped). */
  readonly locale?: string;
}

/** Auditors read everything in their organisation. */
export const READERS: readonly Role[] = ['contract_manager', 'compliance_officer', 'auditor'];

/** Everyone who changes things; auditors never do. */
export const WRITERS: readonly Role[] = ['contract_manager', 'compliance_officer', 'supplier', 'monitor'];

/** What the command path checks a caller's command against (libs/application `Access`). */
export const accessOf = (caller: Caller) => ({
  organisationId: caller.organisationId,
  ...(caller.role === 'supplier' ? { supplierId: caller.supplierId ?? '' } : {}),
  ...(caller.role === 'monitor' ? { factoryIds: caller.factoryIds ?? [] } : {}),
});
