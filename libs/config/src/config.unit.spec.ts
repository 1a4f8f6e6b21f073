import { ConfigError, DEVELOPMENT_JWT_SECRET, isProduction, loadConfig, readAfterWaitMs } from './config';

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
