import './pact-telemetry.ts';
import { createRequire } from 'node:module';
import type { Check, RunResult } from '../reports/run-result.ts';
import { consumerTests } from './phases/consumer-tests.ts';
import { prepareContractRun, type ContractPhase, type ContractRunOptions } from './phases/contract-run.ts';
import { deployability } from './phases/deployability.ts';
import { pactPublishing } from './phases/pact-publishing.ts';
import { providerVerification } from './phases/provider-verification.ts';
import { providerVersion } from './phases/provider-version.ts';
import { resultsPublishing } from './phases/results-publishing.ts';

export type { ContractRunOptions } from './phases/contract-run.ts';

const PACT_VERSION = (createRequire(import.meta.url)('@pact-foundation/pact/package.json') as { version: string })
  .version;

/** A contract run's order; the broker phases do nothing without a Pact Broker. */
export const CONTRACT_PHASES: readonly ContractPhase[] = [
  consumerTests,
  providerVersion,
  pactPublishing,
  providerVerification,
  resultsPublishing,
  deployability,
];

/**
 * After an interrupt, a check that broke (error) was broken by the interrupt, not by the
 * target: it is not evaluated. Checks that ran to a pass or a fail keep their verdict.
 */
function notEvaluatedWhenBroken(check: Check): Check {
  if (check.status !== 'error') return check;
  return {
    ...check,
    status: 'skip',
    message: `not evaluated, the run was interrupted${check.message ? `: ${check.message}` : ''}`,
  };
}

/**
 * A whole contract run: consumers, then (with a broker) publishing, then provider
 * verification against the target, then (with a broker) can-i-deploy. Returns the
 * `contract` RunResult with one check per interaction; the caller writes it.
 */
export async function runContracts(options: ContractRunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const run = await prepareContractRun(options);
  const checks: Check[] = [];
  for (const phase of CONTRACT_PHASES) checks.push(...(await phase(run)));
  const { signal } = options;
  return {
    kind: 'contract',
    environment: options.environmentName,
    target: options.target.baseUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: { name: 'pact-js', version: PACT_VERSION },
    checks: signal.aborted ? checks.map(notEvaluatedWhenBroken) : checks,
    ...(signal.aborted
      ? { aborted: { reason: String((signal.reason as Error | undefined)?.message ?? 'aborted') } }
      : {}),
  };
}
