// ESLint: mistakes, and the few style rules DESIGN.md asks for. Layout is Prettier's job
// (.prettierrc.json), so nothing here is about spacing or line breaks.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'demo/public/mockServiceWorker.js', '.readme-examples/', 'test-results/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'support-chat/style',
    rules: {
      // DESIGN.md: `unknown` over `any`.
      '@typescript-eslint/no-explicit-any': 'error',
      // DESIGN.md: no `enum` (a union of strings instead); `namespace` is caught by
      // @typescript-eslint/no-namespace (recommended), `declare global` stays allowed.
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union of string literals, not an enum.' },
      ],
      // DESIGN.md: full import specifiers (`./x.js`), which the browser and Node resolve as written.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(?!.*\\.(?:m?js|json|css)$)',
              message: 'Import relative modules with their full specifier, e.g. `./name.js`.',
            },
          ],
        },
      ],
      // An underscore marks a parameter kept for its position; rest siblings drop a property on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // The elements and their pieces: Lit's template rules and the custom-element rules.
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'test/browser/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
  },
  {
    files: ['src/**', 'demo/**', 'test/browser/**'],
    languageOptions: { globals: globals.browser },
  },
  // Declaration merging into the DOM's event maps (`interface HTMLElementEventMap extends … {}`).
  {
    rules: { '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }] },
  },

  // Plain JavaScript run by Node (scripts, configs): TypeScript does not check these. The scripts
  // that drive Chromium hand functions to `page.evaluate`, which run in the page: browser globals too.
  {
    files: ['**/*.mjs', '**/*.js'],
    ignores: ['test/browser/**', 'demo/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**'],
    languageOptions: { globals: globals.browser },
  },

  // Tests: chai's property assertions (`expect(x).to.be.true`) are expressions by design, and
  // the Node tests read JSON answers loosely (a wrong field fails the assertion anyway).
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
]);
