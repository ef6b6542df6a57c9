import { parseCommandLine } from '../../common/command-line.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';
import { takeSetupFailure } from './setup-failure.ts';

const INTEGRATION_USAGE =
  'run integration [--env <name>]   (no options of its own: it starts Postgres, Redis and a platform itself)';

/**
 * The integration suites: the platform's handlers against real Postgres and Redis that the
 * suites start for themselves (suites/integration/global-setup.ts), independent of the target.
 */
export const integrationRunner: Runner = {
  kind: 'integration',
  summary: 'migrations, orders, menu cache and dependency outages against Postgres and Redis of its own',
  needsTarget: false,
  usage: INTEGRATION_USAGE,
  options: {},
  checkArgs(args) {
    parseCommandLine(args, {}, INTEGRATION_USAGE);
  },
  async run(context) {
    this.checkArgs?.(context.args);
    // A machine that cannot start Postgres and Redis is a setup error: say so before vitest starts.
    // Loaded on demand, like vitest: `--help` and usage errors load no container client.
    const { chooseServiceProvider } = await import('./service-preflight.ts');
    await chooseServiceProvider();
    takeSetupFailure();
    const result = await runVitestSuite(context, {
      kind: 'integration',
      projects: ['integration'],
      category: 'integration',
    });
    // The result file already records the run as an error; the CLI adds the reason and exit code 2.
    const setupFailure = takeSetupFailure();
    if (setupFailure) throw setupFailure;
    return result;
  },
};
