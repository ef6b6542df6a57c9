import type { Runner } from '../runner/runner.ts';
import { writeRunResult } from '../reports/run-result-files.ts';
import { runContracts } from './run-contracts.ts';

/**
 * `run contract`: the consumer tests regenerate the pacts, then the target is verified
 * against them. The RunResult is built here rather than by the vitest reporter,
 * because one Pact verification covers many interactions and each becomes its own check.
 */
export const contractRunner: Runner = {
  kind: 'contract',
  summary:
    'Pact contracts: web and mobile consumer tests, then provider verification of the target',
  async run(context) {
    const { environment, target, log, signal } = context;
    const result = await runContracts({
      environmentName: environment.profile.name,
      target,
      reportsDir: environment.reportsDir,
      requestTimeoutMs: environment.profile.target.requestTimeoutMs,
      maxResponseBytes: environment.profile.target.maxResponseBytes,
      env: process.env,
      log,
      signal,
    });
    await writeRunResult(environment.reportsDir, result);
    return result;
  },
};
