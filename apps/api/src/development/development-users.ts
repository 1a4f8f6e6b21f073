import { DEVELOPMENT_ORGANISATION, DEVELOPMENT_SUPPLIER, type DevelopmentClaims } from '../auth/development-tokens';
import type { Role } from '../auth/roles';

/** A second buyer, so a developer sees one organisation's cases stay out of another's. */
export const SECOND_DEVELOPMENT_ORGANISATION = 'city-of-madison';

/** The factory the development monitor is assigned to (register it to see it on the monitor's screens). */
export const DEVELOPMENT_MONITOR_FACTORY = 'f-shenzhen-1';

/** Someone a developer can sign in as without an identity provider (until OpenID Connect replaces it). */
export interface DevelopmentUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly claims: DevelopmentClaims;
}

const buyerRoles: readonly { role: Role; name: string }[] = [
  { role: 'contract_manager', name: 'contract manager' },
  { role: 'compliance_officer', name: 'compliance officer' },
  { role: 'auditor', name: 'auditor' },
];

/** Each buyer role of two organisations, one supplier and one monitor. */
export const DEVELOPMENT_USERS: readonly DevelopmentUser[] = [
  ...[DEVELOPMENT_ORGANISATION, SECOND_DEVELOPMENT_ORGANISATION].flatMap((organisationId) =>
    buyerRoles.map(({ role, name }) => ({
      id: `${organisationId}.${role}`,
      name: `${organisationId.replace(/-/g, ' ')} ${name}`,
      role,
      organisationId,
      claims: {},
    })),
  ),
  {
    id: `${DEVELOPMENT_ORGANISATION}.supplier`,
    name: `supplier ${DEVELOPMENT_SUPPLIER}`,
    role: 'supplier',
    organisationId: DEVELOPMENT_ORGANISATION,
    claims: { supplierId: DEVELOPMENT_SUPPLIER },
  },
  {
    id: `${DEVELOPMENT_ORGANISATION}.monitor`,
    name: 'monitor',
    role: 'monitor',
    organisationId: DEVELOPMENT_ORGANISATION,
    claims: { factories: [DEVELOPMENT_MONITOR_FACTORY] },
  },
];
