import type { StartedPlatform } from '../../platform/start-platform.ts';
import type { RunResult } from '../../reports/run-result.ts';
import { runContracts } from '../../contracts/run-contracts.ts';

/**
 * Provider verification of the committed pacts against the reference platform reached at
 * `baseUrl` (a proxy in front of it that drifts or adds a base path). Consumer tests are not
 * rerun: these tests judge what the verifier sees through the proxy, not the pacts.
 */
export function verifyReferencePlatform(
  platform: StartedPlatform,
  baseUrl: string,
  options: { environmentName: string; reportsDir: string },
): Promise<RunResult> {
  return runContracts({
    environmentName: options.environmentName,
    target: {
      baseUrl,
      credentials: platform.demoParent,
      webhookSecret: platform.webhookSecret,
      adminToken: undefined,
      local: false,
    },
    reportsDir: options.reportsDir,
    requestTimeoutMs: 10_000,
    maxResponseBytes: 1_048_576,
    env: {},
    log: () => undefined,
    signal: new AbortController().signal,
    runConsumers: false,
  });
}
