import { brokerRequest, type BrokerAuth } from './broker-http.ts';

export interface CanIDeployAnswer {
  deployable: boolean;
  reason: string;
}

interface MatrixSummary {
  summary?: {
    deployable?: boolean | null;
    reason?: string;
    success?: number;
    failed?: number;
    unknown?: number;
  };
}

/**
 * Asks the broker's matrix whether `pacticipant` at `version` is compatible with every
 * application version deployed in `environment` — the query `pact-broker can-i-deploy
 * --pacticipant P --version V --to-environment E` sends. Unknown compatibility
 * (deployable null) is a no, as the CLI treats it.
 */
export async function canIDeploy(
  broker: BrokerAuth,
  query: { pacticipant: string; version: string; environment: string },
): Promise<CanIDeployAnswer> {
  const params = new URLSearchParams();
  params.append('q[][pacticipant]', query.pacticipant);
  params.append('q[][version]', query.version);
  params.append('latestby', 'cvp');
  params.append('environment', query.environment);
  const matrix = await brokerRequest<MatrixSummary>(broker, 'GET', `/matrix?${params.toString()}`);
  const summary = matrix.summary ?? {};
  return {
    deployable: summary.deployable === true,
    reason:
      summary.reason ??
      (summary.deployable === true
        ? 'all required verification results are published and successful'
        : 'the broker gave no reason'),
  };
}
