import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from './roles';

/** The default buyer organisation of development tokens. */
export const DEVELOPMENT_ORGANISATION = 'stockholm-county-council';

/** The default supplier of a development supplier token. */
export const DEVELOPMENT_SUPPLIER = 'dev-supplier';

/** Claims beyond sub, role and org that some roles carry. */
export interface DevelopmentClaims {
  /** The supplier token's supplier (default `dev-supplier`). */
  readonly supplierId?: string;
  /** The monitor token's assigned factories (default none). */
  readonly factories?: readonly string[];
}

/** The claims of one development caller: who (`dev-<role>`), for which buyer, in which role. */
export function developmentClaims(
  role: Role,
  organisationId = DEVELOPMENT_ORGANISATION,
  claims: DevelopmentClaims = {},
): Record<string, unknown> {
  const sub = `dev-${role.replace('_', '-')}`;
  return {
    sub,
    role,
    org: organisationId,
    // Where mail reaches them: in development `npm start` catches it (`npm run cli -- mail`).
    email: `${sub}@${organisationId}.example`,
    ...(role === 'supplier' ? { supplierId: claims.supplierId ?? DEVELOPMENT_SUPPLIER } : {}),
    ...(role === 'monitor' ? { factories: [...(claims.factories ?? [])] } : {}),
  };
}

/** A token for local use, for one role of one buyer organisation (valid 30 days). */
export function developmentToken(
  secret: string,
  role: Role,
  organisationId = DEVELOPMENT_ORGANISATION,
  claims: DevelopmentClaims = {},
): string {
  return new JwtService({ secret, signOptions: { expiresIn: '30d' } }).sign(
    developmentClaims(role, organisationId, claims),
  );
}

/** Tokens for local use: one per role, for one buyer organisation. */
export function developmentTokens(
  secret: string,
  organisationId = DEVELOPMENT_ORGANISATION,
  claims: DevelopmentClaims = {},
): Record<Role, string> {
  return Object.fromEntries(
    ROLES.map((role) => [role, developmentToken(secret, role, organisationId, claims)]),
  ) as Record<Role, string>;
}
