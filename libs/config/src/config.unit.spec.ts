import {
  buyerCalendarOf,
  ConfigError,
  DEVELOPMENT_JWT_SECRET,
  isProduction,
  loadConfig,
  readAfterWaitMs,
} from './config';

// The JWT secret signs every bearer token: production must never run on the one in the repository,
// on a guessable one, or fall back to it because NODE_ENV was spelt differently.
describe('JWT secret and NODE_ENV', () => {
  const strong = 'x'.repeat(32);
  const load = (env: NodeJS.ProcessEnv) => () => loadConfig({ DATA_DIR: '/tmp/pj-config', ...env });

  it('uses the development secret only when NODE_ENV is unset, development or test', () => {
    for (const NODE_ENV of [undefined, '', 'development', 'test'])
      expect(loadConfig({ NODE_ENV }).jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it.each(['production', 'Production', 'PRODUCTION', 'prod', 'staging', 'Development'])(
    'treats NODE_ENV=%s as production: a secret is required, and not the development one',
    (NODE_ENV) => {
      expect(isProduction({ NODE_ENV })).toBe(true);
      expect(load({ NODE_ENV })).toThrow(ConfigError);
      expect(load({ NODE_ENV })).toThrow(/JWT_SECRET is required when NODE_ENV=/);
      expect(load({ NODE_ENV, JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/development secret/);
      expect(loadConfig({ NODE_ENV, JWT_SECRET: strong }).jwtSecret).toBe(strong);
    },
  );

  it('refuses a secret shorter than 32 bytes, in every mode', () => {
    for (const NODE_ENV of ['production', 'development', undefined]) {
      expect(load({ NODE_ENV, JWT_SECRET: 'k' })).toThrow(/at least 32 bytes/);
      expect(load({ NODE_ENV, JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
    }
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
