import type { Check } from '../../reports/run-result.ts';
import { canIDeploy } from '../broker/can-i-deploy.ts';
import { PROVIDER_NAME } from '../contract-names.ts';
import { brokerCallCheck, harnessCheck, type ContractRun } from './contract-run.ts';

/** With a broker: can-i-deploy for this provider version into the profile's environment. */
export async function deployability(run: ContractRun): Promise<Check[]> {
  const { broker, providerVersion: version, options } = run;
  if (!broker) return [];
  const id = 'contract.can-i-deploy';
  const title = `can-i-deploy ${PROVIDER_NAME} to ${broker.canIDeployTo}`;
  if (!version) {
    return [
      harnessCheck(id, title, {
        status: 'error',
        severity: 'critical',
        message: `no provider version: set PACT_PROVIDER_VERSION, or make GET ${options.target.baseUrl}/health report releaseId`,
      }),
    ];
  }
  const canIDeployTo = broker.canIDeployTo;
  return brokerCallCheck(
    id,
    title,
    async () => {
      const answer = await canIDeploy(broker, {
        pacticipant: PROVIDER_NAME,
        version,
        environment: canIDeployTo,
      });
      return {
        status: answer.deployable ? 'pass' : 'fail',
        severity: 'critical',
        message: `${PROVIDER_NAME} ${version} → ${canIDeployTo}: ${answer.reason}`,
        evidence: [
          `${broker.url}/matrix?q[][pacticipant]=${PROVIDER_NAME}&q[][version]=${encodeURIComponent(version)}&latestby=cvp&environment=${encodeURIComponent(canIDeployTo)}`,
        ],
      };
    },
    { status: 'error', severity: 'critical', message: (error) => error.message },
  );
}
