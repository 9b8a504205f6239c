// `npm run lint:code`. The recommended rule sets only: the type-checked ones
// parse the whole program per file and take minutes on a 2-core machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.cache/**', 'test-artifacts/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed parameters and destructured leftovers are deliberate (a
      // handler's fixed signature, a field split off a rest object).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    rules: {
      // Nothing reaches into a package's internal files: its root (or a subpath its
      // `exports` publishes) is its contract, and dist/, lib/, src/ move between versions.
      // Allowed: @bull-board/api/dist/*, which that package's `exports` map publishes.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?!@bull-board/api/dist/)(@[^/]+/)?[^./][^/]*/(.+/)?(dist|lib|src|build|esm|cjs)(/|$)`,
              message: "Import the package's root or a subpath its `exports` publishes, not its internal files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**/*.ts'],
    rules: {
      // Tests read untyped JSON answers of the sandbox and the apps and assert on their fields.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    // The CommonJS globals these config files use (the `globals` package is not a dependency).
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: {
      // CommonJS config files (jest.config.js, .dependency-cruiser.cjs).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
