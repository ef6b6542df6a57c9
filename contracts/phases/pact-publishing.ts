import type { Check } from '../../reports/run-result.ts';
import { publishPacts } from '../broker/publish-pacts.ts';
import { harnessCheck, type ContractRun } from './contract-run.ts';

/** With a broker that takes publications: the freshly generated pacts, under this commit. */
export async function pactPublishing(run: ContractRun): Promise<Check[]> {
  const { broker, options } = run;
  if (!broker) return [];
  if (!broker.publish) {
    options.log(
      'contract: not publishing to the broker (PACT_BROKER_PUBLISH is not true and CI is not set)',
    );
    return [];
  }
  const id = 'contract.broker.publish-pacts';
  const title = 'Pacts published to the Pact Broker';
  const started = Date.now();
  try {
    const published = await publishPacts(broker, {
      pactFiles: run.freshPacts,
      // resolveBrokerConfig refuses to publish without a consumer version.
      consumerVersion: broker.consumerVersion ?? '',
      ...(broker.consumerBranch ? { consumerBranch: broker.consumerBranch } : {}),
      ...(options.env.BUILD_URL ? { buildUrl: options.env.BUILD_URL } : {}),
    });
    options.log(`contract: published ${published.join(', ')} to ${broker.url}`);
    return [
      harnessCheck(id, title, {
        status: 'pass',
        severity: 'major',
        durationMs: Date.now() - started,
      }),
    ];
  } catch (error) {
    return [
      harnessCheck(id, title, {
        status: 'fail',
        severity: 'major',
        message: `publishing to ${broker.url} failed: ${(error as Error).message}`,
        durationMs: Date.now() - started,
      }),
    ];
  }
}
