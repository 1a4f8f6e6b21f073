import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from './roles';

/** Tokens for local use: one per role, for one buyer organisation. */
export function developmentTokens(secret: string, organisationId = 'stockholm-county-council'): Record<Role, string> {
  const jwt = new JwtService({ secret, signOptions: { expiresIn: '30d' } });
  return Object.fromEntries(
    ROLES.map((role) => [role, jwt.sign({ sub: `dev-${role.replace('_', '-')}`, role, org: organisationId })]),
  ) as Record<Role, string>;
}
