import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from './roles';

/** Claims beyond sub, role and org that some roles carry. */
export interface DevelopmentClaims {
  /** The supplier token's supplier (default `dev-supplier`). */
  readonly supplierId?: string;
  /** The monitor token's assigned factories (default none). */
  readonly factories?: readonly string[];
}

/** Tokens for local use: one per role, for one buyer organisation. */
export function developmentTokens(
  secret: string,
  organisationId = 'stockholm-county-council',
  claims: DevelopmentClaims = {},
): Record<Role, string> {
  const jwt = new JwtService({ secret, signOptions: { expiresIn: '30d' } });
  const extra = (role: Role) =>
    role === 'supplier'
      ? { supplierId: claims.supplierId ?? 'dev-supplier' }
      : role === 'monitor'
        ? { factories: [...(claims.factories ?? [])] }
        : {};
  return Object.fromEntries(
    ROLES.map((role) => [
      role,
      jwt.sign({ sub: `dev-${role.replace('_', '-')}`, role, org: organisationId, ...extra(role) }),
    ]),
  ) as Record<Role, string>;
}
