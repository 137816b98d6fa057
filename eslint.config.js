// ESLint for the whole tree (ADR 0012): typescript-eslint's recommended rules on every file, the
// lit and web-component rules on the lit elements, browser or Node globals by folder, and
// eslint-config-prettier last so that no rule argues with the formatter.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Scripts that a browser runs as they are: browser globals. */
const BROWSER = [
  'src/**',
  'adapters/**',
  'connectors/**',
  'demo/**/*.ts',
  'examples/**/*.{ts,js}',
  'force-app/**/*.js',
];

/** Node processes (servers, scripts, the node:test suites, the benchmark and reliability drivers). */
const NODE = [
  'relay/**',
  'scripts/**',
  'bench/**/*.mjs',
  'demo/**/*.mjs',
  'examples/**/*.mjs',
  'test/**/*.mjs',
  '*.{js,mjs,cjs}',
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'coverage/',
      'test-results/',
      '.relay-data/',
      // Generated (scripts/compile-schemas.mjs, scripts/errors-doc.mjs); npm test checks they match
      // their generator, so a lint finding there is fixed in the generator. Same list as .prettierignore.
      '**/*.generated.ts',
      'src/contract/compiled-spec.ts',
      // Built into the static resource by npm run build (the hand-written softphone-host.js is linted).
      'force-app/main/default/staticresources/SoftphoneBridge/*.iife.js',
      // LWC needs decorators (@api, @wire) that ESLint's parser does not read, and Aura's controllers
      // are bare object literals over `$A`: Salesforce lints both with its own configurations
      // (@salesforce/eslint-config-lwc, eslint-plugin-aura), and sfdx-lwc-jest tests the LWC.
      'force-app/main/default/lwc/',
      'force-app/main/default/aura/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  { files: BROWSER, languageOptions: { globals: globals.browser } },
  { files: NODE, languageOptions: { globals: globals.node } },
  // Browser tests run in Chromium under web-test-runner's mocha.
  {
    files: ['test/**/*.ts', 'examples/**/*.test.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
  // The reliability scenarios and a few node:test suites hand functions to page.evaluate(): those
  // bodies run in the page, so the page's globals are in scope too.
  {
    files: ['test/reliability/**', 'test/node/**', 'bench/**/*.mjs', 'demo/screenshot.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      // The codebase drops fields by destructuring (`const { key: _key, ...rest } = row`) and names
      // deliberately unused parameters with `_`, as tsconfig's noUnusedLocals/Parameters allow.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `{}` appears only where it means "no keys": the `{} extends Pick<T, K>` test for an optional
      // field (spec types) and @redis/client's own generic defaults. Empty interfaces stay errors.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      // DESIGN rule 6: no eval or new Function anywhere (the bundles run under a strict CSP).
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // DESIGN rule 6: postMessage goes to exact allow-listed origins, never '*'.
    files: ['src/**', 'adapters/**', 'connectors/**', 'relay/**', 'demo/**', 'examples/**', 'force-app/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='postMessage'] > Literal.arguments[value='*']",
          message: "postMessage only to an exact allow-listed origin, never '*' (DESIGN rule 6).",
        },
      ],
    },
  },
  {
    // The library logs through the injected logger, which keeps phone numbers and notes out of the
    // console by default; only the bundle entries (composition roots) may pick the console itself.
    files: ['src/**', 'adapters/**', 'connectors/**'],
    ignores: ['**/bundle.ts'],
    rules: { 'no-console': 'error' },
  },
  // CommonJS on purpose: Jest 29 loads its configuration with require().
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/ui/**/*.ts', 'demo/**/*.ts', 'test/ui/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/ui/**/*.ts', 'demo/**/*.ts', 'test/ui/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
  prettier,
);
