import type { Check } from '../../reports/run-result.ts';
import { displayPath } from '../../common/display-path.ts';
import { harnessCheck, type ContractRun } from './contract-run.ts';

/** With a broker and a provider version: whether the verifier could publish its results. */
export function resultsPublishing(run: ContractRun): Promise<Check[]> {
  if (!run.brokerSource?.publishResults) return Promise.resolve([]);
  const failures = run.verification?.publishFailures ?? [];
  return Promise.resolve([
    harnessCheck('contract.broker.publish-verification-results', 'Verification results published to the Pact Broker', {
      status: failures.length > 0 ? 'fail' : 'pass',
      severity: 'major',
      ...(failures.length > 0 ? { message: failures.join('; '), evidence: [displayPath(run.logFile)] } : {}),
    }),
  ]);
}
