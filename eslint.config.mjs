// ESLint 9 flat config: typescript-eslint's recommended rules, and nothing that Prettier decides
// (eslint-config-prettier switches those off). `npm run lint` checks src, test, db and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'examples/', 'bench/results/', 'test-artifacts/', 'scratch/', '.kabar/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberate: parameters a signature requires, skipped tuple items.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Migrations must not depend on today's row types (kysely's own advice is Kysely<any>); tests
    // and the bench read parsed JSON and XML whose shape is what they assert.
    files: ['db/migrations/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
