import type { Runner } from '../runner/runner.ts';
import { writeRunResult } from '../reports/run-result-files.ts';
import { loadHarnessConfig } from '../fixtures/environments/harness-config.ts';

/**
 * `run contract`: the consumer tests regenerate the pacts, then the target is verified
 * against them. The RunResult is built here rather than by the vitest reporter,
 * because one Pact verification covers many interactions and each becomes its own check.
 */
export const contractRunner: Runner = {
  kind: 'contract',
  summary: 'Pact contracts: web and mobile consumer tests, then provider verification of the target',
  usage:
    'run contract [--env <name>]\n  no options of its own; a Pact Broker is configured with PACT_BROKER_* variables (docs/contracts.md)',
  options: {},
  async run(context) {
    const { environment, target, log, signal } = context;
    // Loaded on demand: `--help` and usage errors load no Pact code.
    const { runContracts } = await import('./run-contracts.ts');
    // The team's own Pact files (config pactsDir) are verified as they are: the shipped
    // consumer tests describe the reference consumers and must not overwrite them.
    const pactsDir = loadHarnessConfig()?.dirOf('pactsDir');
    const result = await runContracts({
      ...(pactsDir ? { pactsDir, runConsumers: false } : {}),
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
