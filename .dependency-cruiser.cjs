// Layer rules (docs/architecture.md): imports run one way, cli → runner kinds → runner/ →
// reports/ and fixtures/ → common/; platform/ stands apart and knows only common/.
// dependency-cruiser reads every import the compiler sees, static, dynamic `import()` and
// type-only alike, so a lazy import cannot slip a layer past the check.
/** @type {import('dependency-cruiser').IConfiguration} */

const TOP_LEVEL = [
  'cli',
  'runner',
  'suites',
  'contracts',
  'load',
  'chaos',
  'reports',
  'fixtures',
  'platform',
  'common',
  'tests',
  'bench',
  'scripts',
];
const RUNNER_KINDS = ['suites', 'contracts', 'load', 'chaos'];
const BELOW_RUNNERS = ['runner', 'reports', 'fixtures', 'common'];
// The platform's tests and launcher check it from the outside and may borrow fixtures/.
const PLATFORM_CHECKED_FROM_OUTSIDE = '^platform/(.+[.]test[.]ts$|test-support/|main[.]ts$)';

const folders = (names) => `^(${names.join('|')})/`;

/** A rule: files under `from` may import project folders in `allowed` (and their own) only. */
function importsOnlyFrom(name, from, allowed, comment, fromNot) {
  const forbidden = TOP_LEVEL.filter((folder) => !allowed.includes(folder));
  return {
    name,
    comment: `${comment} (imports run one way: docs/architecture.md)`,
    severity: 'error',
    from: fromNot ? { path: from, pathNot: fromNot } : { path: from },
    to: { path: folders(forbidden) },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'test-support-only-for-tests',
      comment:
        'test-only helpers (test-support/) are imported by tests, specs, other test helpers and the vitest config, never by the product (docs/architecture.md)',
      severity: 'error',
      from: { pathNot: '([.](test|spec)[.]ts$|/test-support/|^tests/|^vitest[.]config[.]ts$)' },
      to: { path: '/test-support/' },
    },
    importsOnlyFrom(
      'not-to-cli',
      '^(?!cli/)',
      TOP_LEVEL.filter((folder) => folder !== 'cli'),
      'nothing outside cli/ imports cli/: the command line sits on top of everything',
    ),
    importsOnlyFrom(
      'runner-kind-layer',
      folders(RUNNER_KINDS),
      [...RUNNER_KINDS, ...BELOW_RUNNERS],
      'a runner kind imports only runner kinds, runner/, reports/, fixtures/ and common/',
      '^suites/integration/',
    ),
    // The integration suite checks the platform's own modules (migrations, cache keys) white-box.
    importsOnlyFrom(
      'integration-suite-layer',
      '^suites/integration/',
      [...RUNNER_KINDS, ...BELOW_RUNNERS, 'platform'],
      'the integration suite imports only runner kinds, runner/, reports/, fixtures/, common/ and platform/',
    ),
    importsOnlyFrom(
      'runner-layer',
      '^runner/',
      ['runner', 'reports', 'fixtures', 'common', 'platform'],
      'runner/ imports no runner kind and no cli/',
    ),
    importsOnlyFrom(
      'reports-layer',
      '^reports/',
      ['reports', 'fixtures', 'common'],
      'reports/ imports only fixtures/ and common/',
    ),
    importsOnlyFrom(
      'fixtures-layer',
      '^fixtures/',
      ['fixtures', 'reports', 'common'],
      'fixtures/ imports only reports/ and common/',
    ),
    importsOnlyFrom('common-layer', '^common/', ['common'], 'common/ knows nothing of the project'),
    importsOnlyFrom(
      'platform-layer',
      '^platform/',
      ['platform', 'common'],
      'the platform under test imports only common/',
      PLATFORM_CHECKED_FROM_OUTSIDE,
    ),
    importsOnlyFrom(
      'platform-outside-checks-layer',
      PLATFORM_CHECKED_FROM_OUTSIDE,
      ['platform', 'common', 'fixtures'],
      "the platform's tests and launcher import only common/ and fixtures/",
    ),
    {
      name: 'no-circular',
      comment: 'a circle of imports has no layer order: break it by moving the shared part down',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'a module nothing imports is dead code, unless it is an entry point, a test or a config',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)[.][^/]+[.](js|cjs|mjs|json)$', // dot files (this config)
          '[.]d[.]ts$',
          '[.](test|spec)[.]ts$',
          '^(eslint|vitest)[.]config[.](js|ts)$',
          '^index[.]ts$', // the package's entry point
          '^(cli|platform|bench)/main[.]ts$',
          '^scripts/[^/]+[.]ts$',
          '^load/scenarios/', // k6 scenarios, run by k6 rather than imported
          '^bin/',
          '^reports/vitest/[^/]+-reporter[.]ts$', // vitest loads its reporters by path (vitest.config.ts)
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports/out|build|load/build|dist|contracts/pacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
