// ESLint flat config: typescript-eslint with type information, so lint catches
// floating promises and unsafe `any` flows that the compiler alone lets through. The layer
// rules (which folder may import which) are dependency-cruiser's: .dependency-cruiser.cjs.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { hasivuRules } from './scripts/eslint-rules/single-letter-params.ts';

// Test code is left out of the function-length rule: a describe callback is a list of cases,
// not a procedure to split into steps. Test helpers (test-support/, tests/) too.
const TEST_CODE = ['**/*.test.ts', '**/*.spec.ts', '**/test-support/**', 'tests/**'];

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/out/', 'build/', 'load/build/', 'contracts/pacts/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small functions (docs/architecture.md): a function longer than 80 lines (comments included) is split
    // into named steps; a parameter is named by what it holds, outside lambdas of a few lines.
    plugins: { hasivu: hasivuRules },
    rules: { 'hasivu/single-letter-params': 'error' },
  },
  {
    ignores: TEST_CODE,
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
