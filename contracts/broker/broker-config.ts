import { HarnessError } from '../../common/harness-error.ts';
import { registerSecret } from '../../common/redact.ts';
import type { ConsumerVersionSelector } from '../provider/verify-provider.ts';
import { gitInfo } from './git-info.ts';

/**
 * Pact Broker settings, all from environment variables. Without PACT_BROKER_BASE_URL
 * there is no broker and everything works from the pact files in contracts/pacts/.
 */
export interface BrokerConfig {
  /** PACT_BROKER_BASE_URL */
  url: string;
  /** PACT_BROKER_TOKEN (bearer), or PACT_BROKER_USERNAME + PACT_BROKER_PASSWORD (basic). */
  token?: string;
  username?: string;
  password?: string;
  /** PACT_CONSUMER_VERSION, default the git commit: the version the consumer pacts are published under (required to publish). */
  consumerVersion?: string;
  /** PACT_CONSUMER_BRANCH, default the git branch. */
  consumerBranch?: string;
  /** PACT_PROVIDER_VERSION, default the target's `releaseId` from GET /health. */
  providerVersion?: string;
  /** PACT_PROVIDER_BRANCH: recorded with published verification results. */
  providerBranch?: string;
  /** PACT_CONSUMER_VERSION_SELECTORS (JSON), default main branch + deployed or released + this branch. */
  selectors: ConsumerVersionSelector[];
  /** PACT_BROKER_PUBLISH: publish pacts and verification results; default true in CI (CI is set), false elsewhere. */
  publish: boolean;
  /** PACT_CAN_I_DEPLOY_TO: the environment can-i-deploy asks about; default the profile name. */
  canIDeployTo: string;
  /** PACT_ENABLE_PENDING: new pacts inform but do not fail (default true). */
  enablePending: boolean;
}

const bool = (raw: string | undefined, fallback: boolean, name: string, problems: string[]): boolean => {
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  problems.push(`${name}="${raw}" is not a boolean; use true or false`);
  return fallback;
};

function parseSelectors(raw: string, problems: string[]): ConsumerVersionSelector[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object')) {
      return value as ConsumerVersionSelector[];
    }
  } catch {
    // reported below
  }
  problems.push(
    'PACT_CONSUMER_VERSION_SELECTORS must be a non-empty JSON array of selectors, e.g. [{"mainBranch":true},{"deployedOrReleased":true}]',
  );
  return [];
}

export async function resolveBrokerConfig(
  env: NodeJS.ProcessEnv,
  profileName: string,
  cwd = process.cwd(),
): Promise<BrokerConfig | undefined> {
  const url = env.PACT_BROKER_BASE_URL?.trim().replace(/\/+$/, '');
  if (!url) return undefined;
  const problems: string[] = [];
  if (!/^https?:\/\/[^/]+/.test(url)) problems.push(`PACT_BROKER_BASE_URL="${url}" is not an http(s) URL`);
  const token = env.PACT_BROKER_TOKEN || undefined;
  const username = env.PACT_BROKER_USERNAME || undefined;
  const password = env.PACT_BROKER_PASSWORD || undefined;
  if (username && !password)
    problems.push('PACT_BROKER_USERNAME is set without PACT_BROKER_PASSWORD; set both, or use PACT_BROKER_TOKEN');
  [token, password].forEach(registerSecret);

  const git = await gitInfo(env, cwd);
  const consumerVersion = env.PACT_CONSUMER_VERSION?.trim() || git.commit;
  const consumerBranch = env.PACT_CONSUMER_BRANCH?.trim() || git.branch;
  const selectors = env.PACT_CONSUMER_VERSION_SELECTORS?.trim()
    ? parseSelectors(env.PACT_CONSUMER_VERSION_SELECTORS, problems)
    : [{ mainBranch: true }, { deployedOrReleased: true }, ...(consumerBranch ? [{ branch: consumerBranch }] : [])];
  const publish = bool(env.PACT_BROKER_PUBLISH, Boolean(env.CI), 'PACT_BROKER_PUBLISH', problems);
  const enablePending = bool(env.PACT_ENABLE_PENDING, true, 'PACT_ENABLE_PENDING', problems);
  if (publish && !consumerVersion) {
    problems.push(
      'publishing needs a consumer version: set PACT_CONSUMER_VERSION, or run inside a git checkout so the commit is used',
    );
  }

  if (problems.length > 0) {
    throw new HarnessError(
      'INVALID_BROKER_CONFIG',
      `The Pact Broker settings are not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    url,
    ...(token ? { token } : {}),
    ...(username ? { username, password } : {}),
    ...(consumerVersion ? { consumerVersion } : {}),
    ...(consumerBranch ? { consumerBranch } : {}),
    ...(env.PACT_PROVIDER_VERSION?.trim() ? { providerVersion: env.PACT_PROVIDER_VERSION.trim() } : {}),
    ...(env.PACT_PROVIDER_BRANCH?.trim() ? { providerBranch: env.PACT_PROVIDER_BRANCH.trim() } : {}),
    selectors,
    publish,
    canIDeployTo: env.PACT_CAN_I_DEPLOY_TO?.trim() || profileName,
    enablePending,
  };
}
