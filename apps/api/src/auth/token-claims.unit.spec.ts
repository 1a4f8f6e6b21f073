import { DEFAULT_CLAIM_MAPPING, type ClaimMapping } from '@pj/config';
import { callerFromClaims, claimAt } from './token-claims';
import { TokenRefusedError } from './token-refused';

// How a verified token's claims become the caller, for the shapes identity providers give them:
// our own names (development provider), Keycloak's nested realm roles, Entra ID's role lists and
// dotted optional-claim names.
describe('claim mapping', () => {
  const base = { sub: 'u-1', role: 'contract_manager', org: 'stockholm-county-council' };
  const refusedFor = (claims: Record<string, unknown>, mapping: ClaimMapping = DEFAULT_CLAIM_MAPPING) => {
    try {
      callerFromClaims(claims, mapping);
    } catch (error) {
      return error instanceof TokenRefusedError ? error.code : `not a refusal: ${String(error)}`;
    }
    return 'accepted';
  };

  it('carries name, email and locale when the token has them, and leaves them out when not', () => {
    expect(
      callerFromClaims(
        { ...base, name: 'Anna Lindqvist', email: 'anna@example.org', locale: 'sv' },
        DEFAULT_CLAIM_MAPPING,
      ),
    ).toEqual({
      id: 'u-1',
      role: 'contract_manager',
      organisationId: 'stockholm-county-council',
      name: 'Anna Lindqvist',
      email: 'anna@example.org',
      locale: 'sv',
    });
    expect(callerFromClaims({ ...base, name: ' ', email: 7 }, DEFAULT_CLAIM_MAPPING)).toEqual({
      id: 'u-1',
      role: 'contract_manager',
      organisationId: 'stockholm-county-council',
    });
  });

  it('reads nested claims by dotted path, and a claim whose own name has dots first', () => {
    expect(claimAt({ realm_access: { roles: ['auditor'] } }, 'realm_access.roles')).toEqual(['auditor']);
    expect(claimAt({ 'extn.org': 'a', extn: { org: 'b' } }, 'extn.org')).toBe('a');
    expect(claimAt({ realm_access: ['x'] }, 'realm_access.roles')).toBeUndefined();
  });

  it('takes the role from a list when exactly one entry is a role of this API', () => {
    const keycloak: ClaimMapping = {
      ...DEFAULT_CLAIM_MAPPING,
      role: 'realm_access.roles',
      organisation: 'organisation',
    };
    const claims = {
      sub: 'u-2',
      organisation: 'city-of-madison',
      realm_access: { roles: ['offline_access', 'uma_authorization', 'compliance_officer'] },
    };
    expect(callerFromClaims(claims, keycloak)).toMatchObject({
      role: 'compliance_officer',
      organisationId: 'city-of-madison',
    });
    expect(refusedFor({ ...claims, realm_access: { roles: ['auditor', 'contract_manager'] } }, keycloak)).toBe(
      'auth.claims_missing',
    );
    expect(refusedFor({ ...claims, realm_access: { roles: ['offline_access'] } }, keycloak)).toBe(
      'auth.claims_missing',
    );
  });

  it('maps suppliers and monitors through their own claims', () => {
    const entra: ClaimMapping = {
      ...DEFAULT_CLAIM_MAPPING,
      role: 'roles',
      supplier: 'extn.supplier',
      factories: 'extn.factories',
    };
    expect(callerFromClaims({ sub: 's', org: 'o', roles: ['supplier'], 'extn.supplier': 'dell' }, entra)).toMatchObject(
      { role: 'supplier', supplierId: 'dell' },
    );
    expect(
      callerFromClaims({ sub: 'm', org: 'o', roles: ['monitor'], 'extn.factories': ['f-1'] }, entra),
    ).toMatchObject({
      role: 'monitor',
      factoryIds: ['f-1'],
    });
    expect(refusedFor({ sub: 's', org: 'o', roles: ['supplier'] }, entra)).toBe('auth.claims_missing');
    expect(refusedFor({ sub: 'm', org: 'o', roles: ['monitor'], 'extn.factories': 'f-1' }, entra)).toBe(
      'auth.claims_missing',
    );
  });

  it('refuses a token without sub, organisation or a known role', () => {
    expect(refusedFor(base)).toBe('accepted');
    expect(refusedFor({ ...base, sub: '' })).toBe('auth.claims_missing');
    expect(refusedFor({ ...base, org: '   ' })).toBe('auth.claims_missing');
    expect(refusedFor({ ...base, role: 'admin' })).toBe('auth.claims_missing');
  });
});
