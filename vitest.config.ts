import { defineConfig } from 'vitest/config';
import { TEST_TAGS } from './suites/test-tags.ts';

/**
 * `ts` in a checkout, `js` in the published package (compiled, as Node strips no types under
 * node_modules): the reporters are named by path, and the suites' spec files match either.
 */
const OWN = import.meta.url.endsWith('.js') ? 'js' : 'ts';

/**
 * One vitest project per suite. The product suites (`*.spec.ts` under suites/ and
 * contracts/) run against a target environment; the project's own tests
 * (`*.test.ts`) check the harness and the reference platform.
 */
/** Black-box tests whose verdict rests on measured latency (k6 thresholds against the SLA). */
const SLA_TIMED_TESTS = ['tests/verify-main-job.test.ts', 'tests/load-platform.test.ts'];

export default defineConfig({
  test: {
    tags: TEST_TAGS,
    // Passing --reporter on the command line replaces this whole list: pass every one you need.
    reporters: [
      'default',
      `./reports/vitest/run-result-reporter.${OWN}`,
      `./reports/vitest/allure-reporter.${OWN}`,
      `./reports/vitest/closing-line-reporter.${OWN}`,
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{common,fixtures,reports,cli,runner,load,contracts,chaos,suites,scripts}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['platform/**/*.test.ts'],
          globalSetup: ['platform/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'harness',
          include: ['tests/**/*.test.ts'],
          exclude: SLA_TIMED_TESTS,
          // Concurrent black-box runs each start a vitest of their own: a few at a time on a shared machine.
          maxConcurrency: 3,
          // These files mostly wait on the processes they start, so two run side by side even on two
          // cores (vitest's default is one worker there); latency-judged ones live in sla-timed.
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Runs alone, after every other project (groupOrder 2): these judge the platform's real
          // latency against the SLA, which says nothing when other suites share the two cores.
          name: 'sla-timed',
          include: SLA_TIMED_TESTS,
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'smoke',
          include: [`suites/smoke/**/*.spec.${OWN}`],
          // The files share their imports (zod schemas, the client) instead of loading them once per
          // file: a smoke run is mostly start-up. Each file's own state stays in its own module.
          isolate: false,
          globalSetup: [`suites/target-setup.${OWN}`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The business flow is one ordered story per file; files stay independent.
          sequence: { concurrent: false },
          // Conformance provokes the documented 503s with a real outage of the target's Redis (on a
          // target the run owns): no other file may be sending requests meanwhile. Each outage ends
          // once the target is ready again, so the files after it meet a healthy target.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [`suites/integration/**/*.spec.${OWN}`],
          // Starts Postgres, Redis and a platform of its own, whatever the target is.
          globalSetup: [`suites/integration/global-setup.${OWN}`],
          // Above the outage tests' own deadlines plus a slow container restart; they fail sooner when they fail.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Outage tests stop and restart the shared Postgres and Redis: one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Pact consumers write contracts/pacts/; provider verification (contracts/contract-runner.ts)
          // runs after them and reads those files. groupOrder 1 keeps consumers first in any mixed run.
          // Not named contract-*: a mock-server test is no evidence about the platform, so the
          // RunResult reporter must not turn it into `contract` checks (docs/contracts.md).
          name: 'pact-consumer',
          include: [`contracts/consumers/**/*.spec.${OWN}`],
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
