// `npm run lint` (with `prettier --check`): the recommended sets of ESLint, typescript-eslint (type-aware where
// tsconfig.json reaches), eslint-plugin-lit, eslint-plugin-wc and eslint-plugin-lit-a11y, less the rules this
// codebase consistently does otherwise, each with why. Formatting is Prettier's alone (.prettierrc);
// eslint-config-prettier turns off the rules that would argue with it.
//
// typescript-eslint comes through packages/lint, which gives it TypeScript 6.0: the project's TypeScript 7 (`tsc`)
// ships only the native compiler, without the JS API that typescript-eslint builds its programs with.
import js from '@eslint/js';
import tseslint from 'cognito-elements-lint';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

/** The TypeScript tsconfig.json includes: linted with type information. */
const TYPED = ['{src,emulator,test,scripts,demo,bench}/**/*.{ts,mts,cts}', 'vite.config.ts'];
/** Where Lit templates and custom elements live. */
const ELEMENTS = ['src/**/*.ts', 'demo/**/*.ts', 'test/browser/**/*.ts', 'bench/pages/**/*.ts', 'examples/**/*.{ts,tsx,js}'];
const TESTS = ['**/*.test.ts', 'test/**/*.ts'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.emulator-data/**', '.tmp/**', '**/fixtures/**/*.json', 'examples/*/.angular/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: TYPED,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ELEMENTS,
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    // The elements extend CognitoElement (src/elements/shared/base.ts), a LitElement.
    settings: { wc: { elementBaseClasses: ['LitElement', 'CognitoElement'] } },
  },
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      // src/core runs in browsers and Node; the rest is one or the other, and TypeScript checks its globals anyway.
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `catch {}` marks a failure that is deliberately ignored (storage, BroadcastChannel, best-effort clean-up).
      'no-empty': ['error', { allowEmptyCatch: true }],
      // A leading underscore names what is left out on purpose: `const { sub: _sub, ...rest } = attributes`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: TYPED,
    rules: {
      // JSON off the wire (fetch().json(), JSON.parse, the emulator's request bodies) arrives as `any` and is read
      // field by field where it lands; these five would ask for a cast at every one of those reads.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // String(x) and `${x}` on untyped wire values and token claims: echoing whatever came is the point (Cognito's
      // own validation messages do the same).
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Lit calls template event listeners with the element as `this` (`@submit=${this.onSubmit}`), and helpers
      // such as attempt() hand back closures, not methods.
      '@typescript-eslint/unbound-method': 'off',
      // Async functions are handed to setInterval, process.on and addEventListener on purpose; each catches its own.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // An abort rejects with signal.reason, as fetch() does: whatever the caller aborted with.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // CognitoClient declares its typed addEventListener overloads in an interface merged with the class.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  {
    files: TESTS,
    rules: {
      // node:test's test()/describe() return promises the runner awaits, and chai-as-promised (in @open-wc/testing)
      // makes every `expect(...)` chain thenable: neither is a promise left floating.
      '@typescript-eslint/no-floating-promises': 'off',
      // chai's property assertions: `expect(x).to.exist`, `.to.be.true`.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests build wire shapes and reach into private state by hand.
      '@typescript-eslint/no-explicit-any': 'off',
      // Stubs stand in for async interfaces (fetch, a store, a withLock callback) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
