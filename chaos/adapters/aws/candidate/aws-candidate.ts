import type { ResolvedEnvironment } from '../../../../fixtures/environments/resolve-profile.ts';
import type { DependencyControl, Target } from '../../../../runner/target.ts';
import { ControlClient } from '../../../../fixtures/platform-control/control-client.ts';
import { isLoopback } from '../../../../common/is-loopback.ts';
import { chaosSkipReason } from '../../../model/chaos-permission.ts';
import type { AdapterCandidate } from '../../adapter-candidate.ts';
import type { DrillAdapters } from '../../drill-adapters.ts';
import { LocalAlarmSubscriber } from '../../local/local-alarm-subscriber.ts';
import { detectAwsCredentials } from '../sdk/aws-credentials.ts';
import type { AwsClientOptions } from '../sdk/sdk-clients.ts';
import { LOCAL_PLATFORM_AWS, localPlatformCredentials } from './local-platform-aws.ts';
import { openAws, type LocalRehearsal, type OpenAwsOptions } from './open-aws.ts';

/**
 * `AWS_ENDPOINT_URL`: one AWS-compatible endpoint for every service, as the AWS CLI and SDKs
 * read it; how the AWS path is rehearsed against the reference platform's control listener.
 */
export function awsClientOptions(env: NodeJS.ProcessEnv): AwsClientOptions {
  const endpoint = env.AWS_ENDPOINT_URL?.trim();
  return endpoint ? { endpoint } : {};
}

export interface AwsCandidateOptions extends OpenAwsOptions {
  env?: NodeJS.ProcessEnv;
  /** `--allow-production-chaos`, so a skip on production names the missing flag. */
  allowProductionChaos?: boolean;
  /**
   * `--adapter aws` on a profile without an aws block: rehearse the AWS path against the
   * reference platform's AWS-compatible endpoints at a loopback target (local-platform-aws.ts).
   */
  rehearseLocally?: boolean;
  home?: string;
}

/** The reference platform as the AWS account: its control API stands in where AWS has no call. */
function localRehearsal(
  baseUrl: string,
  adminToken: string,
  dependencies: DependencyControl | undefined,
): LocalRehearsal {
  const control = new ControlClient({ baseUrl, adminToken, timeoutMs: 5_000 });
  const local = new LocalAlarmSubscriber(control);
  return {
    lent: dependencies !== undefined && dependencies.provider !== 'external',
    unlentDependencies: dependencies,
    alarms: (aws) => ({
      name: 'aws (receiver added through the control API)',
      subscribe: (alarm, endpoint, signal) => local.subscribe(alarm, endpoint, signal),
      lookUpDelivery: (alarm, state, since, signal) => aws.lookUpDelivery(alarm, state, since, signal),
    }),
    close: () => control.close(),
  };
}

/** Why this run cannot drill AWS, without touching the network; undefined when it can. */
export function awsSkipReason(environment: ResolvedEnvironment, options: AwsCandidateOptions): string | undefined {
  const { profile } = environment;
  if (!profile.aws) return `the ${profile.name} profile has no aws block`;
  const refused = chaosSkipReason(profile, options.allowProductionChaos ?? false);
  if (refused) return refused;
  const credentials = detectAwsCredentials(options.env ?? process.env, options.home);
  if (!credentials.found) return credentials.reason;
  options.log?.(`chaos: AWS credentials from ${credentials.source}`);
  return undefined;
}

/**
 * `--adapter aws` on a profile without an aws block: the AWS path against the reference
 * platform's AWS-compatible endpoints, which only a loopback target with its admin token has.
 */
async function openRehearsal(
  target: Target,
  environment: ResolvedEnvironment,
  options: AwsCandidateOptions,
  signal: AbortSignal,
): Promise<DrillAdapters | { skip: string }> {
  const refused = chaosSkipReason(environment.profile, options.allowProductionChaos ?? false);
  if (refused) return { skip: refused };
  if (!isLoopback(target.baseUrl) || !target.adminToken) {
    return {
      skip: 'rehearsing the AWS path needs the reference platform: a loopback target with its admin token (HARNESS_ADMIN_TOKEN)',
    };
  }
  options.log?.(`chaos: AWS adapters against the reference platform's AWS-compatible endpoints at ${target.baseUrl}`);
  return openAws(
    LOCAL_PLATFORM_AWS,
    options,
    signal,
    { endpoint: target.baseUrl, credentials: localPlatformCredentials(target.adminToken) },
    localRehearsal(target.baseUrl, target.adminToken, target.dependencies),
  );
}

/**
 * Drills on a real AWS account: FIS, CloudWatch, CodeDeploy and Lambda through the SDK. It
 * applies when the profile has an aws block, chaos is allowed and credentials are at hand; its
 * read-only preflight then either yields adapters or ends the run with exit 2, nothing injected.
 */
export function awsCandidate(options: AwsCandidateOptions = {}): AdapterCandidate {
  return {
    name: 'aws',
    async open(target, environment, signal) {
      if (options.rehearseLocally && !environment.profile.aws)
        return openRehearsal(target, environment, options, signal);
      const skip = awsSkipReason(environment, options);
      if (skip || !environment.profile.aws) return { skip: skip ?? 'no aws block' };
      return openAws(environment.profile.aws, options, signal, awsClientOptions(options.env ?? process.env));
    },
  };
}
