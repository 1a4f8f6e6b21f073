// One Jest config for every kind of spec: *.unit.spec.ts (pure), *.int.spec.ts (real store / Temporal),
// *.e2e.spec.ts (api + worker + Temporal). Node 20 loads NestJS 12 (ESM only) through Jest's transform
// fallback, so those packages are transformed too.
const swc = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.spec.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.test-build/'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, jsc: { ...swc.jsc, baseUrl: __dirname }, swcrc: false }] },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uuid|jose|oidc-provider|got|nanoid|quick-lru|@sindresorhus|@szmarczak|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|cacheable-lookup|cacheable-request|form-data-encoder|lowercase-keys|mimic-response|normalize-url|p-cancelable|responselike)/)',
  ],
  moduleNameMapper,
  testTimeout: 60_000,
  maxWorkers: 2,
};
