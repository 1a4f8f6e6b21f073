import type { Role } from './roles';

/** A person the development provider signs in: the claims an organisation's provider would give. */
export interface DevelopmentUser {
  /** Subject, and what the sign-in page submits. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  /** Preferred language (BCP 47). */
  readonly locale: string;
  readonly role: Role;
  readonly org: string;
  readonly supplierId?: string;
  readonly factories?: readonly string[];
}

/** The buyers the development users work for. */
export const DEVELOPMENT_BUYERS = ['stockholm-county-council', 'city-of-madison'] as const;

const people: Record<(typeof DEVELOPMENT_BUYERS)[number], Record<Role, [name: string, email: string]>> = {
  'stockholm-county-council': {
    contract_manager: ['Anna Lindqvist', 'anna.lindqvist@stockholm-county.example'],
    compliance_officer: ['Erik Sandberg', 'erik.sandberg@stockholm-county.example'],
    auditor: ['Maria Holm', 'maria.holm@stockholm-county.example'],
    supplier: ['Dana Whitfield', 'dana.whitfield@dell.example'],
    monitor: ['Lin Wei', 'lin.wei@electronics-watch.example'],
  },
  'city-of-madison': {
    contract_manager: ['James Okafor', 'james.okafor@madison.example'],
    compliance_officer: ['Priya Raman', 'priya.raman@madison.example'],
    auditor: ['Tom Becker', 'tom.becker@madison.example'],
    supplier: ['Carlos Mendes', 'carlos.mendes@dell.example'],
    monitor: ['Amara Nwosu', 'amara.nwosu@electronics-watch.example'],
  },
};

const shortName: Record<(typeof DEVELOPMENT_BUYERS)[number], string> = {
  'stockholm-county-council': 'stockholm',
  'city-of-madison': 'madison',
};

/**
 * Every role in each of the two buyers: a contract manager, a compliance officer, an auditor, a
 * supplier's contact (Dell) and a monitor (assigned to one factory). Subjects read
 * `<buyer>-<role>`, e.g. `stockholm-contract-manager`.
 */
export const DEVELOPMENT_USERS: readonly DevelopmentUser[] = DEVELOPMENT_BUYERS.flatMap((org) =>
  (Object.entries(people[org]) as [Role, [string, string]][]).map(([role, [name, email]]) => ({
    sub: `${shortName[org]}-${role.replace('_', '-')}`,
    name,
    email,
    // Stockholm's people read Swedish, Madison's English.
    locale: org === 'stockholm-county-council' ? 'sv' : 'en',
    role,
    org,
    ...(role === 'supplier' ? { supplierId: 'dell' } : {}),
    ...(role === 'monitor' ? { factories: [`${shortName[org]}-factory-1`] } : {}),
  })),
);

/** The development user of one role in one buyer. */
export function developmentUser(role: Role, org: string = DEVELOPMENT_BUYERS[0]): DevelopmentUser {
  const user = DEVELOPMENT_USERS.find((each) => each.role === role && each.org === org);
  if (!user) throw new Error(`no development user for ${role} of ${org}`);
  return user;
}
