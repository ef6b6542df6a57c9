import { HarnessError } from '../../common/harness-error.ts';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import { isLoopback } from '../../common/is-loopback.ts';
import { detectAwsCredentials } from '../adapters/aws/sdk/aws-credentials.ts';
import { fisApi } from '../adapters/aws/sdk/fis-api.ts';
import { codeDeployApi } from '../adapters/aws/sdk/codedeploy-api.ts';
import { lambdaApi } from '../adapters/aws/sdk/lambda-api.ts';
import type { AwsCleanupApis } from './aws-leftovers.ts';
import { LOCAL_PLATFORM_AWS, localPlatformCredentials } from '../adapters/aws/candidate/local-platform-aws.ts';
import { awsClientOptions } from '../adapters/aws/candidate/aws-candidate.ts';
import { ROLLBACK_RETRY } from '../adapters/aws/sdk/aws-call.ts';
import { FisFaultInjector } from '../adapters/aws/fault-injector/fis-fault-injector.ts';
import { createAwsSdkClients, destroyAwsSdkClients } from '../adapters/aws/sdk/sdk-clients.ts';
import { ControlClient } from '../../fixtures/platform-control/control-client.ts';
import { LocalFaultInjector } from '../adapters/local/local-fault-injector.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';

export interface CleanupInjector extends AsyncDisposable {
  injector: FaultInjector;
  /** On AWS: what finds and undoes the rest (deployments, marks, the alias; aws-leftovers.ts). */
  aws?: AwsCleanupApis;
}

/**
 * The injector that can stop what earlier drills started: FIS when the profile has an aws
 * block and credentials are at hand (no preflight: stopping needs none), else the local
 * control API at a loopback HARNESS_BASE_URL with HARNESS_ADMIN_TOKEN.
 */
export function cleanupInjector(
  environment: ResolvedEnvironment,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  home?: string,
  /** `--adapter aws` on a profile without an aws block: the reference platform's AWS endpoints. */
  rehearseLocally = false,
): CleanupInjector {
  const reasons: string[] = [];
  const baseUrl = environment.profile.target.baseUrl;
  const token = environment.secrets.adminToken;
  const rehearsal = rehearseLocally && !environment.profile.aws && baseUrl && isLoopback(baseUrl) && token;
  const aws = rehearsal ? LOCAL_PLATFORM_AWS : environment.profile.aws;
  const credentials = rehearsal
    ? { found: true as const, source: "the reference platform's admin token" }
    : detectAwsCredentials(env, home);
  if (aws && credentials.found) {
    const clients = createAwsSdkClients(
      aws.region,
      rehearsal ? { endpoint: baseUrl, credentials: localPlatformCredentials(token) } : awsClientOptions(env),
    );
    log(`chaos: cleanup through FIS in ${aws.region} (credentials from ${credentials.source})`);
    const retry = { ...ROLLBACK_RETRY, log };
    const injector = new FisFaultInjector({
      api: fisApi(clients.fis, { retry }),
      settings: { roleArn: '', functionArn: (n) => n, alarmArn: (n) => n },
      log,
    });
    return {
      injector,
      aws: {
        injector,
        lambda: lambdaApi(clients.lambda, { retry }),
        codeDeploy: codeDeployApi(clients.codeDeploy, { retry }),
        profile: aws,
      },
      [Symbol.asyncDispose]: () => Promise.resolve(destroyAwsSdkClients(clients)),
    };
  }
  reasons.push(
    aws
      ? `fis: ${credentials.found ? '' : credentials.reason}`
      : `fis: the ${environment.profile.name} profile has no aws block`,
  );
  if (baseUrl && isLoopback(baseUrl) && token) {
    const client = new ControlClient({ baseUrl, adminToken: token, timeoutMs: 5_000 });
    log(`chaos: cleanup through the control API at ${baseUrl}`);
    return {
      injector: new LocalFaultInjector(client),
      [Symbol.asyncDispose]: () => client.close(),
    };
  }
  reasons.push(
    `local: ${baseUrl && isLoopback(baseUrl) ? 'HARNESS_ADMIN_TOKEN is not set' : 'no loopback HARNESS_BASE_URL of a running reference platform'}`,
  );
  throw new HarnessError(
    'NO_CLEANUP_INJECTOR',
    `--cleanup cannot reach any fault injector:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
  );
}
