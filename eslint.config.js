// ESLint flat config: typescript-eslint with type information, so lint catches
// floating promises and unsafe `any` flows that the compiler alone lets through.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TOP_LEVEL = ['cli', 'runner', 'suites', 'contracts', 'load', 'chaos', 'reports', 'fixtures', 'platform', 'common', 'tests', 'bench', 'scripts'];
const RUNNER_KINDS = ['suites', 'contracts', 'load', 'chaos'];
const ENTRY_POINTS = ['tests', 'bench', 'scripts'];

/**
 * Imports run one way (docs/architecture.md): cli → runner kinds → runner/ → reports/ and
 * fixtures/ → common/; platform/ stands apart and knows only common/. A relative import is
 * judged by the first folder it names after its `../` steps, which is a top-level folder
 * whenever it leaves the importing folder (no subfolder shares a top-level folder's name).
 */
function importsOnlyFrom(folder, allowed, { files = [`${folder}/**/*.ts`], ignores = [] } = {}) {
  const permitted = [...new Set([folder, ...allowed])];
  const forbidden = TOP_LEVEL.filter((name) => !permitted.includes(name));
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\.?/(\\.\\./)*(${forbidden.join('|')})/`,
              message: `${files.join(', ')} may import only from ${permitted.join('/, ')}/ (imports run one way: docs/architecture.md)`,
            },
          ],
        },
      ],
    },
  };
}

const BELOW_RUNNERS = ['runner', 'reports', 'fixtures', 'common'];
const PLATFORM_CHECKED_FROM_OUTSIDE = ['platform/**/*.test.ts', 'platform/test/**', 'platform/main.ts'];

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
  // Nothing outside cli/ imports from cli/: the command line sits on top of everything.
  ...ENTRY_POINTS.map((folder) => importsOnlyFrom(folder, TOP_LEVEL.filter((name) => name !== 'cli'))),
  ...RUNNER_KINDS.map((folder) => importsOnlyFrom(folder, [...RUNNER_KINDS, ...BELOW_RUNNERS])),
  // The integration suite checks the platform's own modules (migrations, cache keys) white-box.
  importsOnlyFrom('suites', [...RUNNER_KINDS, ...BELOW_RUNNERS, 'platform'], { files: ['suites/integration/**/*.ts'] }),
  importsOnlyFrom('runner', ['reports', 'fixtures', 'common', 'platform']),
  importsOnlyFrom('reports', ['fixtures', 'common']),
  importsOnlyFrom('fixtures', ['reports', 'common']),
  importsOnlyFrom('common', []),
  // The platform is the system under test: it never imports the harness. Its own tests may
  // use the harness's contract schemas and services to check it from the outside, and its
  // standalone launcher (`npm run platform`) borrows the service providers for a Postgres
  // and a Redis to run against.
  importsOnlyFrom('platform', ['common'], { ignores: PLATFORM_CHECKED_FROM_OUTSIDE }),
  importsOnlyFrom('platform', ['common', 'fixtures'], { files: PLATFORM_CHECKED_FROM_OUTSIDE }),
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
