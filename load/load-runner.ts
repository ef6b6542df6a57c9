import type { Runner, RunContext } from '../runner/runner.ts';
import type { RunResult } from '../reports/run-result.ts';
import { parseLoadArgs, LOAD_OPTIONS, LOAD_USAGE } from './load-args.ts';
import { assertLoadAllowed } from './target-guard.ts';

/**
 * `npm run test:load [-- --scenario sla --profile ci]`: bundles the k6 scenario, runs
 * it against the target with the profile's rate and SLA, and writes
 * `results/load.json` for the scorecard's performance category. `--emit k6-operator`
 * and `--cloud` hand the same bundle to a bigger load generator instead.
 */
export const loadRunner: Runner = {
  kind: 'load',
  summary: 'k6 scenarios (sla, spike, soak) against the SLA; --emit k6-operator or --cloud for distributed runs',
  usage: LOAD_USAGE,
  options: LOAD_OPTIONS,
  checkArgs: (args) => void parseLoadArgs(args),
  guardTarget(environment, rawArgs) {
    const { profile } = environment;
    // Without a base URL the target is the local platform, this machine's own; runLoad checks
    // the URL it is given as well.
    if (profile.target.baseUrl)
      assertLoadAllowed(profile.target.baseUrl, profile, parseLoadArgs(rawArgs).allowProductionLoad);
  },
  offlineMode(rawArgs) {
    const args = parseLoadArgs(rawArgs);
    if (!args.emit) return undefined;
    return async (environment, log) => {
      const { emitOperatorManifest } = await import('./run-load.ts');
      return emitOperatorManifest(environment, args, log);
    };
  },
  async run(context: RunContext): Promise<RunResult> {
    const args = parseLoadArgs(context.args);
    if (args.help) {
      // The CLI answers --help itself; this covers callers that pass it through.
      context.log(`usage: node cli/main.ts ${LOAD_USAGE}`);
      // Nothing ran, so nothing is written: an empty result leaves earlier evidence alone.
      const now = new Date().toISOString();
      return {
        kind: 'load',
        environment: context.environment.profile.name,
        target: context.target.baseUrl,
        startedAt: now,
        finishedAt: now,
        tool: { name: 'k6', version: 'n/a' },
        checks: [],
      };
    }
    // Loaded on demand: `--help` and usage errors load neither esbuild nor the k6 plumbing.
    const { runLoad } = await import('./run-load.ts');
    return runLoad(context, args);
  },
};
