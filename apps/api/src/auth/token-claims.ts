import type { ClaimMapping } from '@pj/config';
import { ROLES, type Caller, type Role } from './roles';
import { TokenRefusedError } from './token-refused';

/** A claim that names someone: a non-blank string. */
const isName = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/**
 * A claim by name, or by dotted path into nested claims (Keycloak's `realm_access.roles`). The
 * name itself comes first: Entra ID's optional claims may contain dots (`extn.org`).
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The role: a role name, or a list (identity providers keep roles as lists) of which exactly one
 * is a role of this API; other entries (`offline_access`, another application's roles) are not ours.
 */
function roleOf(value: unknown): Role | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  const ours = [...new Set(candidates.filter((item): item is Role => ROLES.includes(item as Role)))];
  return ours.length === 1 ? ours[0] : undefined;
}

/**
 * The caller a verified token describes, through the claim mapping: who (sub), in which role, for
 * which buyer, and for suppliers and monitors what they answer for. Name, email and locale come
 * along when the token has them (the directory of people records them).
 */
export function callerFromClaims(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping): Caller {
  const sub = claims.sub;
  const role = roleOf(claimAt(claims, mapping.role));
  const organisationId = claimAt(claims, mapping.organisation);
  if (!isName(sub) || !isName(organisationId) || role === undefined)
    throw new TokenRefusedError(
      'auth.claims_missing',
      `the bearer token lacks sub, exactly one role (${mapping.role}) or the organisation (${mapping.organisation})`,
    );
  const supplierId = claimAt(claims, mapping.supplier);
  if (role === 'supplier' && !isName(supplierId))
    throw new TokenRefusedError('auth.claims_missing', `a supplier's token names its supplier (${mapping.supplier})`);
  const factories = claimAt(claims, mapping.factories);
  if (role === 'monitor' && !(Array.isArray(factories) && factories.every((f) => typeof f === 'string')))
    throw new TokenRefusedError(
      'auth.claims_missing',
      `a monitor's token lists the factories the monitor is assigned to (${mapping.factories})`,
    );
  const name = claimAt(claims, mapping.name);
  const email = claimAt(claims, mapping.email);
  const locale = claimAt(claims, mapping.locale);
  return {
    id: sub,
    role,
    organisationId,
    ...(role === 'supplier' ? { supplierId: supplierId as string } : {}),
    ...(role === 'monitor' ? { factoryIds: factories as string[] } : {}),
    ...(isName(name) ? { name } : {}),
    ...(isName(email) ? { email } : {}),
    ...(isName(locale) ? { locale } : {}),
  };
}
