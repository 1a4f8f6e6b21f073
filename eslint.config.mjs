// ESLint 9 flat config with typescript-eslint 8. Formatting is Prettier's job (.prettierrc); this
// file only checks code. Type-aware rules run on TypeScript files through the project service,
// which reads tsconfig.json.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])].filter(
  (name) => !name.startsWith('_'),
);

const nodeBuiltinPaths = (why) => nodeBuiltins.map((name) => ({ name, message: why }));

// Globals of Node.js scripts and configs written in plain JavaScript (scripts/, jest.config.js).
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'fetch',
    'AbortController',
    'structuredClone',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      '.tools/**',
      'node_modules/**',
      'coverage/**',
      '**/*.d.ts',
      '.test-build/**',
      '.schemathesis/**',
      '.bench-*/**',
    ],
  },

  js.configs.recommended,

  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: nodeGlobals },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // TypeScript (the web app's .tsx and its Vite config's .mts too): recommended rules, plus the
  // type-aware rules that catch lost promises. apps/web has its own tsconfig.json (DOM, JSX), which
  // the project service finds for its files.
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.{ts,tsx,mts}'] })),
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'no-console': 'warn',
    },
  },
  {
    // Jest specs and contract suites: non-null assertions and `any` in test doubles are fine.
    files: ['**/*.spec.ts', '**/contract/**/*.ts', '**/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Entry points, command-line scripts and benchmarks talk to the terminal.
    files: ['apps/*/src/main.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  // Test fixtures (scenarios, scratch databases) live behind `testing` entries: production code cannot reach them.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/contract/**', '**/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@pj/*/testing', '@pj/*/testing/*', './testing/*', '../**/testing/*', '**/src/testing/*'],
              message: 'test fixtures are for tests and benchmarks: import them only from specs',
            },
          ],
        },
      ],
    },
  },

  // Temporal workflow code runs in the deterministic sandbox: no Node built-ins (no I/O, no clocks,
  // no randomness outside the SDK), and no activity or client APIs, which belong to the worker.
  // Workflows know the domain by its types and the worker by libs/contracts, never by apps/.
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltinPaths('workflow code runs in the Temporal sandbox: no Node.js built-ins (no I/O)'),
            { name: '@temporalio/activity', message: 'activities run in the worker, not in workflow code' },
            {
              name: '@temporalio/client',
              message: 'workflow code talks to Temporal through @temporalio/workflow only',
            },
            {
              name: '@pj/domain',
              allowTypeImports: true,
              message: 'workflows import domain types only (import type); the domain decides through activities',
            },
          ],
          patterns: [
            {
              group: ['@temporalio/activity/*', '@temporalio/client/*'],
              message: 'workflow code talks to Temporal through @temporalio/workflow only',
            },
            {
              group: ['**/apps/**'],
              message: 'workflows import nothing from apps/: activity interfaces are in @pj/contracts',
            },
          ],
        },
      ],
    },
  },

  // The domain is pure TypeScript: deciders and events, no framework, no I/O.
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltinPaths('the domain is pure: no Node.js built-ins (no I/O)'),
            { name: 'pg', message: 'the domain is pure: no database access' },
          ],
          patterns: [
            { group: ['@nestjs/*'], message: 'the domain has no framework: keep NestJS in apps/' },
            {
              group: ['@temporalio/*'],
              message: 'the domain knows nothing of Temporal: keep it in workflows/ and apps/worker',
            },
            { group: ['pg/*', '@electric-sql/*', '@eventstore/*'], message: 'the domain is pure: no database access' },
          ],
        },
      ],
    },
  },
);
