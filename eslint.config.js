import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layout of src/, enforced (each block below replaces the rule's options for its files, so
// every block repeats the rule that browser code reaches neither the Node side nor tests):
// - src imports no server, e2e or bench code, and no Node module;
// - src/lib imports nothing of the app (no feature, no api, no app, no shared components);
// - src/api and src/components import no feature and nothing of src/app;
// - a feature imports another feature only through its public entry (`index.ts`), and of src/app
//   only the routes (routes.ts, route-hooks.ts).
// src/app wires features together and may import any of their files (pages are imported lazily
// by path, so each stays its own chunk). Tests are exempt: they reach real servers and fixtures.
// eslint-boundaries.test.ts proves each of these fires.
const NOT_BROWSER = {
  regex: '(^|/)(server|e2e|bench)/|^node:',
  message: 'Browser code must never reach into the Node side or into tests.',
};
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Imports of these top-level folders of src, by the `@/` alias or by a relative path. */
function noImportOf(folders, message) {
  const names = folders.join('|');
  return [
    { regex: `^@/(${names})(/|$)`, message },
    { regex: `^(\\.\\./)+(${names})(/|$)`, message },
  ];
}

function restrict(files, patterns) {
  return {
    files,
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_BROWSER, ...patterns] }] },
  };
}

function boundaries() {
  const featureEntry =
    'Import another feature through its public entry, @/features/<name>/index.ts.';
  return [
    restrict(['src/**/*.{ts,tsx}'], []),
    restrict(
      ['src/lib/**/*.{ts,tsx}'],
      noImportOf(
        ['features', 'api', 'app', 'components'],
        'src/lib is below everything else: it imports no feature, api, app or component.',
      ),
    ),
    restrict(
      ['src/api/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
      noImportOf(
        ['features', 'app'],
        'src/api and src/components import no feature and nothing of src/app.',
      ),
    ),
    ...FEATURES.map((feature) => {
      const others = FEATURES.filter((name) => name !== feature).join('|');
      return restrict(
        [`src/features/${feature}/**/*.{ts,tsx}`],
        [
          { regex: `^@/features/(?!${feature}/)[^/]+/(?!index\\.ts$)`, message: featureEntry },
          { regex: `^(\\.\\./)+(features/)?(${others})/`, message: featureEntry },
          {
            regex: '^@/app/(?!(routes|route-hooks)\\.ts$)',
            message: 'Of src/app, features use only the routes (routes.ts, route-hooks.ts).',
          },
        ],
      );
    }),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'bench/dist',
      'bench/results',
      '.viewer-data',
      'node_modules',
      'test-results',
      'playwright-report',
      '.out-*',
      'dist-e2e',
      'dist-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We don't run the React Compiler; this only reports that it would skip a component.
      'react-hooks/incompatible-library': 'off',
    },
  },
  ...pluginQuery.configs['flat/recommended'],
  ...boundaries(),
  {
    files: [
      'server/**/*.ts',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Production server code never loads the test-only layer; app.ts mounts it with import()
    // when faults are on (no-restricted-imports does not see dynamic imports).
    files: ['server/**/*.ts'],
    ignores: ['server/test/**', 'server/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/testing', '**/testing/**'],
              message: 'Test-only code: only app.ts loads server/testing/, when faults are on.',
            },
          ],
        },
      ],
    },
  },
);
