import {
  buyerCalendarOf,
  ConfigError,
  DEFAULT_CLAIM_MAPPING,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_JWT_SECRET,
  isProduction,
  loadConfig,
  readAfterWaitMs,
} from './config';

// Outside production the API also accepts development tokens (HS256, JWT_SECRET). Production
// accepts only the access tokens of its identity provider: it never runs on the secret in the
// repository, and does not start without an issuer, whatever NODE_ENV's spelling.
describe('JWT secret, identity provider and NODE_ENV', () => {
  const strong = 'x'.repeat(32);
  const issuer = { OIDC_ISSUER: 'https://login.example.org/realms/stockholm', OIDC_AUDIENCE: 'procurement-journey' };
  const load = (env: NodeJS.ProcessEnv) => () => loadConfig({ DATA_DIR: '/tmp/pj-config', ...env });

  it('uses the development secret only when NODE_ENV is unset, development or test', () => {
    for (const NODE_ENV of [undefined, '', 'development', 'test'])
      expect(loadConfig({ NODE_ENV }).jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('runs the development provider (no issuer) only outside production, with the default claims', () => {
    const { identity } = loadConfig({});
    expect(identity.issuer).toBeUndefined();
    expect(identity).toMatchObject({
      audience: DEVELOPMENT_AUDIENCE,
      claims: DEFAULT_CLAIM_MAPPING,
      developmentProviderPort: 3001,
      clockToleranceSeconds: 30,
      webClient: { clientId: 'procurement-journey-web', redirectUris: ['http://127.0.0.1:3000/'] },
    });
  });

  it.each(['production', 'Production', 'PRODUCTION', 'prod', 'staging', 'Development'])(
    'treats NODE_ENV=%s as production: an https issuer and audience are required, development tokens are off',
    (NODE_ENV) => {
      expect(isProduction({ NODE_ENV })).toBe(true);
      expect(load({ NODE_ENV })).toThrow(ConfigError);
      expect(load({ NODE_ENV })).toThrow(/OIDC_ISSUER is required when NODE_ENV=/);
      expect(load({ NODE_ENV, OIDC_ISSUER: issuer.OIDC_ISSUER })).toThrow(/OIDC_AUDIENCE is required/);
      expect(load({ NODE_ENV, ...issuer, OIDC_ISSUER: 'http://keycloak:8080/realms/x' })).toThrow(/https/);
      const config = loadConfig({ NODE_ENV, ...issuer, JWT_SECRET: strong });
      expect(config.jwtSecret).toBeUndefined();
      expect(config.identity).toMatchObject({ issuer: issuer.OIDC_ISSUER, audience: 'procurement-journey' });
    },
  );

  it('refuses a development secret shorter than 32 bytes', () => {
    for (const NODE_ENV of ['development', undefined]) {
      expect(load({ NODE_ENV, JWT_SECRET: 'k' })).toThrow(/at least 32 bytes/);
      expect(load({ NODE_ENV, JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
      expect(loadConfig({ NODE_ENV, JWT_SECRET: strong }).jwtSecret).toBe(strong);
    }
  });

  it('maps claims as configured (names or dotted paths)', () => {
    const { identity } = loadConfig({
      ...issuer,
      OIDC_CLAIM_ROLE: 'realm_access.roles',
      OIDC_CLAIM_ORGANISATION: 'organisation',
      OIDC_CLAIM_SUPPLIER: 'supplier_id',
      OIDC_CLAIM_FACTORIES: 'assigned_factories',
      OIDC_CLAIM_NAME: 'display_name',
      OIDC_CLAIM_EMAIL: 'preferred_username',
      OIDC_CLAIM_LOCALE: 'ui_locale',
      OIDC_CLOCK_TOLERANCE_SECONDS: '10',
      OIDC_WEB_SCOPES: 'openid email',
      OIDC_WEB_REDIRECT_URIS: 'https://procurement.example.org/, https://procurement.example.org/signed-in',
    });
    expect(identity).toMatchObject({
      claims: {
        role: 'realm_access.roles',
        organisation: 'organisation',
        supplier: 'supplier_id',
        factories: 'assigned_factories',
        name: 'display_name',
        email: 'preferred_username',
        locale: 'ui_locale',
      },
      clockToleranceSeconds: 10,
      webClient: {
        scopes: ['openid', 'email'],
        redirectUris: ['https://procurement.example.org/', 'https://procurement.example.org/signed-in'],
      },
    });
    expect(load({ OIDC_ISSUER: 'login.example.org' })).toThrow(/OIDC_ISSUER must be an http\(s\) URL/);
    expect(load({ OIDC_CLOCK_TOLERANCE_SECONDS: 'soon' })).toThrow(ConfigError);
  });
});

describe('READ_AFTER_WAIT_MS', () => {
  it('bounds a read-your-writes wait at 5 s unless set to another whole number of milliseconds', () => {
    expect(readAfterWaitMs({})).toBe(5_000);
    expect(readAfterWaitMs({ READ_AFTER_WAIT_MS: '250' })).toBe(250);
    for (const value of ['0', '-1', '1.5', 'soon'])
      expect(() => readAfterWaitMs({ READ_AFTER_WAIT_MS: value })).toThrow(ConfigError);
  });
});

// Each buyer's calendar for legal periods; a typo must stop the engine, never count in the wrong zone.
describe('BUYER_CALENDARS', () => {
  const stockholm = { timeZone: 'Europe/Stockholm', holidays: { country: 'SE', types: ['public', 'bank'] } };

  it('reads calendars by organisation, with `*` for the rest and UTC without either', () => {
    const { buyerCalendars } = loadConfig({
      BUYER_CALENDARS: JSON.stringify({ scc: stockholm, '*': { timeZone: 'Europe/Berlin' } }),
    });
    expect(buyerCalendarOf(buyerCalendars, 'scc')).toEqual(stockholm);
    expect(buyerCalendarOf(buyerCalendars, 'madison')).toEqual({ timeZone: 'Europe/Berlin' });
    expect(buyerCalendarOf(loadConfig({}).buyerCalendars, 'scc')).toEqual({ timeZone: 'UTC' });
    expect(buyerCalendarOf(buyerCalendars, 'toString')).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it.each([
    ['not JSON', '{scc:'],
    ['an array', '[]'],
    ['an unknown zone', JSON.stringify({ scc: { timeZone: 'Europe/Stokholm' } })],
    ['an unknown country', JSON.stringify({ scc: { timeZone: 'UTC', holidays: { country: 'XX' } } })],
    ['an unknown region', JSON.stringify({ scc: { timeZone: 'UTC', holidays: { country: 'DE', region: 'ZZ' } } })],
    [
      'an unknown kind of holiday',
      JSON.stringify({ scc: { timeZone: 'UTC', holidays: { country: 'SE', types: ['x'] } } }),
    ],
  ])('refuses %s, naming the variable', (_what, BUYER_CALENDARS) =>
    expect(() => loadConfig({ BUYER_CALENDARS })).toThrow(/BUYER_CALENDARS/),
  );
});

describe('ABNORMALLY_LOW_PRICE_PERCENT', () => {
  it('reads each buyer’s abnormally-low threshold, none by default', () => {
    expect(loadConfig({}).abnormallyLowPricePercentByBuyer).toEqual({});
    expect(
      loadConfig({ ABNORMALLY_LOW_PRICE_PERCENT: 'stockholm-county-council=15, city-of-madison=12.5' })
        .abnormallyLowPricePercentByBuyer,
    ).toEqual({ 'stockholm-county-council': 15, 'city-of-madison': 12.5 });
  });

  it.each(['stockholm-county-council', 'stockholm-county-council=0', 'x=100', '=15', 'x=15=2', 'x=much'])(
    'refuses %s',
    (value) => expect(() => loadConfig({ ABNORMALLY_LOW_PRICE_PERCENT: value })).toThrow(ConfigError),
  );
});
