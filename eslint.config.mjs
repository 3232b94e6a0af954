// ESLint for the whole repository: ESLint's and typescript-eslint's recommended rules (syntax only: `tsc`
// already type-checks) and eslint-plugin-lit's rules for templates. The linters live in scripts/lint/ with their
// own TypeScript 5.9, because the project's TypeScript 7 has no JavaScript API for them; `npm run lint` installs
// them on first use.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const lintTools = createRequire(new URL('./scripts/lint/package.json', import.meta.url));
const load = async (name) => (await import(pathToFileURL(lintTools.resolve(name)).href)).default;
const js = await load('@eslint/js');
const tseslint = await load('typescript-eslint');
const lit = await load('eslint-plugin-lit');
const globals = await load('globals');

export default tseslint.config(
  { ignores: ['dist/', '**/node_modules/', '**/dist/', '.demo-data/', 'docs/screenshots/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      // A leading underscore marks a parameter a subclass or a signature needs and this body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `interface GlobalEventHandlersEventMap extends EventsOf<…> {}` is how a component declares its events.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // TypeScript resolves names itself (and knows the DOM and Node types each tsconfig includes).
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Build, test and demo scripts run in Node; example pages' scripts run in the browser.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // End-to-end tests evaluate functions inside the extension's own pages, where `chrome` exists.
    files: ['test/e2e/**', 'test/helpers/**', 'test/security/**'],
    languageOptions: { globals: globals.webextensions },
  },
  {
    // The merchant-style example suite runs under @web/test-runner's mocha.
    files: ['examples/merchant-tests/**'],
    languageOptions: { globals: globals.mocha },
  },
  {
    files: ['test/**'],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests hand deliberately ill-typed input to the code (forged messages, hostile answers).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
