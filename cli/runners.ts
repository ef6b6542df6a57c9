import type { RunKind } from '../reports/run-result.ts';
import type { Runner } from '../runner/runner.ts';

/**
 * The runners by kind, loaded on demand so `run smoke` does not load k6 or Pact code.
 * A kind missing here is not yet available in this build.
 */
export const RUNNERS: Partial<Record<RunKind, () => Promise<Runner>>> = {
  smoke: async () => (await import('../suites/smoke/smoke-runner.ts')).smokeRunner,
  integration: async () => (await import('../suites/integration/integration-runner.ts')).integrationRunner,
  contract: async () => (await import('../contracts/contract-runner.ts')).contractRunner,
  load: async () => (await import('../load/load-runner.ts')).loadRunner,
};
