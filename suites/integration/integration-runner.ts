import { HarnessError } from '../../common/harness-error.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';
import { chooseServiceProvider } from './service-preflight.ts';
import { takeSetupFailure } from './setup-failure.ts';

/**
 * The integration suites: the platform's handlers against real Postgres and Redis that the
 * suites start for themselves (suites/integration/global-setup.ts), independent of the target.
 */
export const integrationRunner: Runner = {
  kind: 'integration',
  summary:
    'migrations, orders, menu cache and dependency outages against Postgres and Redis of its own',
  needsTarget: false,
  checkArgs(args) {
    if (args.length > 0) {
      throw new HarnessError('USAGE', `run integration takes no options; unexpected ${args.join(' ')}`);
    }
  },
  async run(context) {
    this.checkArgs?.(context.args);
    // A machine that cannot start Postgres and Redis is a setup error: say so before vitest starts.
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
