import type { Check } from '../../reports/run-result.ts';
import { publishPacts } from '../broker/publish-pacts.ts';
import { brokerCallCheck, type ContractRun } from './contract-run.ts';

/** With a broker that takes publications: the freshly generated pacts, under this commit. */
export async function pactPublishing(run: ContractRun): Promise<Check[]> {
  const { broker, options } = run;
  if (!broker) return [];
  if (!broker.publish) {
    options.log('contract: not publishing to the broker (PACT_BROKER_PUBLISH is not true and CI is not set)');
    return [];
  }
  return brokerCallCheck(
    'contract.broker.publish-pacts',
    'Pacts published to the Pact Broker',
    async () => {
      const published = await publishPacts(broker, {
        pactFiles: run.freshPacts,
        // resolveBrokerConfig refuses to publish without a consumer version.
        consumerVersion: broker.consumerVersion ?? '',
        ...(broker.consumerBranch ? { consumerBranch: broker.consumerBranch } : {}),
        ...(options.env.BUILD_URL ? { buildUrl: options.env.BUILD_URL } : {}),
      });
      options.log(`contract: published ${published.join(', ')} to ${broker.url}`);
      return { status: 'pass', severity: 'major' };
    },
    {
      status: 'fail',
      severity: 'major',
      message: (error) => `publishing to ${broker.url} failed: ${error.message}`,
    },
  );
}
