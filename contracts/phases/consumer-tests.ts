import { join } from 'node:path';
import { redact } from '../../common/redact.ts';
import type { Check } from '../../reports/run-result.ts';
import { pactFilePath } from '../contract-names.ts';
import { runConsumers, type ConsumerOutcome } from '../run-consumers.ts';
import { harnessCheck, type ContractRun } from './contract-run.ts';

function consumerChecks(outcomes: ConsumerOutcome[]): Check[] {
  // Only failures become checks: a passing consumer test is a fact about the harness, not the platform.
  return outcomes
    .filter((outcome) => outcome.problem)
    .map((outcome) =>
      harnessCheck(
        `contract.${outcome.consumer}.consumer-tests`,
        `${outcome.consumer}: consumer tests generate its pact`,
        {
          status: 'error',
          severity: 'critical',
          message: `${outcome.problem ?? ''}; the committed pact in contracts/pacts/ was verified instead`,
        },
      ),
    );
}

/** The consumer tests regenerate the pacts; a consumer that fails leaves its committed pact in use. */
export async function consumerTests(run: ContractRun): Promise<Check[]> {
  const { options, pactsDir } = run;
  if (options.runConsumers === false) return [];
  options.log('contract: running the consumer tests (hasivu-web, hasivu-mobile)');
  const outcomes = await runConsumers({
    workDir: join(run.workDir, 'consumers'),
    timeoutMs: options.consumerTimeoutMs ?? 60_000,
    signal: options.signal,
    pactsDir,
  });
  for (const o of outcomes)
    options.log(
      `contract: ${o.consumer} pact ${o.regenerated ? 'regenerated' : `NOT regenerated: ${redact(o.problem ?? '')}`}`,
    );
  run.freshPacts = outcomes.filter((o) => o.regenerated).map((o) => pactFilePath(o.consumer, pactsDir));
  return consumerChecks(outcomes);
}
