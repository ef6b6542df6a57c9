import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { jsonBody } from '../../fixtures/api-client/api-response.ts';
import type { Check } from '../../reports/run-result.ts';
import type { ContractRun } from './contract-run.ts';

/** The deployed version of the provider: PACT_PROVIDER_VERSION, or what the target says in GET /health. */
async function deployedVersion(run: ContractRun): Promise<string | undefined> {
  if (run.broker?.providerVersion) return run.broker.providerVersion;
  const { options } = run;
  const client = new ApiClient({
    baseUrl: options.target.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  try {
    const health = jsonBody(await client.get('/health')) as { releaseId?: unknown };
    return typeof health.releaseId === 'string' && health.releaseId ? health.releaseId : undefined;
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}

/** With a broker: which provider version is verified, and where the verifier fetches the pacts. */
export async function providerVersion(run: ContractRun): Promise<Check[]> {
  const { broker } = run;
  if (!broker) return [];
  const version = await deployedVersion(run);
  run.providerVersion = version;
  run.brokerSource = {
    url: broker.url,
    ...(broker.token ? { token: broker.token } : {}),
    ...(broker.username ? { username: broker.username, password: broker.password ?? '' } : {}),
    consumerVersionSelectors: broker.selectors,
    enablePending: broker.enablePending,
    providerVersion: version ?? 'unknown',
    ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
    // Results are only worth publishing under a real provider version.
    publishResults: broker.publish && version !== undefined,
  };
  return [];
}
