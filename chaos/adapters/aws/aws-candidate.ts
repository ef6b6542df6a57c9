import type { ResolvedEnvironment } from '../../../fixtures/environments/resolve-profile.ts';
import type { AdapterCandidate } from '../adapter-candidate.ts';
import type { DependencyControl } from '../../../runner/target.ts';
import type { DrillAdapters } from '../drill-adapters.ts';
import { chaosPermission } from '../chaos-permission.ts';
import { AwsAlarmSubscriber } from './aws-alarm-subscriber.ts';
import { awsArns } from './aws-arns.ts';
import { badReleaseController } from './bad-release-controller.ts';
import { detectAwsCredentials } from './aws-credentials.ts';
import { fisExtensionProblems, unreachedFaultDiagnosis } from './fis-extension-check.ts';
import { namedController, namedInjector, namedObserver } from './aws-named-adapters.ts';
import { awsNames } from './aws-names.ts';
import { awsPreflight, type AwsProfile } from './aws-preflight.ts';
import { AwsReleaseController } from './aws-release-controller.ts';
import { AwsReleaseObserver } from './aws-release-observer.ts';
import { cloudWatchApi } from './cloudwatch-api.ts';
import { codeDeployApi } from './codedeploy-api.ts';
import { fisApi } from './fis-api.ts';
import { FisFaultInjector } from './fis-fault-injector.ts';
import { lambdaApi } from './lambda-api.ts';
import { createAwsSdkClients, destroyAwsSdkClients, type AwsClientOptions, type AwsSdkClients } from './sdk-clients.ts';
import { ROLLBACK_RETRY } from './aws-call.ts';
import { ChangeLog } from '../../engine/journal-changes.ts';
import { isLoopback } from '../../../common/is-loopback.ts';
import { LOCAL_PLATFORM_AWS, localPlatformCredentials } from './local-platform-aws.ts';

/**
 * `AWS_ENDPOINT_URL`: one AWS-compatible endpoint for every service, as the AWS CLI and SDKs
 * read it; how the AWS path is rehearsed against the reference platform's control listener.
 */
export function awsClientOptions(env: NodeJS.ProcessEnv): AwsClientOptions {
  const endpoint = env.AWS_ENDPOINT_URL?.trim();
  return endpoint ? { endpoint } : {};
}

export interface AwsCandidateOptions {
  env?: NodeJS.ProcessEnv;
  /** `--allow-production-chaos`, so a skip on production names the missing flag. */
  allowProductionChaos?: boolean;
  /** Drills that will run; one without a template id in the profile needs the FIS role. */
  drills?: readonly string[];
  /** Replaceable for tests: SDK clients whose `send` is stubbed. */
  clients?: (region: string) => AwsSdkClients;
  /** `--canary-from-latest`: the canary may carry `$LATEST`'s code even when it differs from the live code. */
  canaryFromLatest?: boolean;
  /**
   * `--adapter aws` on a profile without an aws block: rehearse the AWS path against the
   * reference platform's AWS-compatible endpoints at a loopback target (local-platform-aws.ts).
   */
  rehearseLocally?: boolean;
  home?: string;
  log?: (line: string) => void;
}

/** A bad release's fault ends by itself after this, if no rollback stopped it first. */
const BAD_RELEASE_FAULT_MS = 15 * 60_000;

/** Why this run cannot drill AWS, without touching the network; undefined when it can. */
export function awsSkipReason(
  environment: ResolvedEnvironment,
  options: AwsCandidateOptions,
): string | undefined {
  const { profile } = environment;
  if (!profile.aws) return `the ${profile.name} profile has no aws block`;
  const permission = chaosPermission(profile, options.allowProductionChaos ?? false);
  if (!permission.applicable) return permission.reason;
  const credentials = detectAwsCredentials(options.env ?? process.env, options.home);
  if (!credentials.found) return credentials.reason;
  options.log?.(`chaos: AWS credentials from ${credentials.source}`);
  return undefined;
}

async function openAws(
  aws: AwsProfile,
  options: AwsCandidateOptions,
  signal: AbortSignal,
  clientOptions: AwsClientOptions,
  dependencies?: DependencyControl,
): Promise<DrillAdapters> {
  const log = options.log ?? (() => {});
  const clients = options.clients ? options.clients(aws.region) : createAwsSdkClients(aws.region, clientOptions);
  const retry = { ...ROLLBACK_RETRY, log };
  const changes = new ChangeLog();
  const lambda = lambdaApi(clients.lambda, { retry });
  const cloudWatch = cloudWatchApi(clients.cloudWatch, { retry });
  const codeDeploy = codeDeployApi(clients.codeDeploy, { retry });
  try {
    const drills = options.drills ?? [];
    const facts = await awsPreflight(aws, {
      lambda,
      cloudWatch,
      codeDeploy,
      needsFisRole: drills.length === 0 || drills.some((d) => !aws.fisTemplates[d]),
      signal,
    });
    const arns = awsArns(aws.region, facts.accountId);
    const names = awsNames(aws);
    const injector = new FisFaultInjector({
      api: fisApi(clients.fis, { retry }),
      settings: {
        roleArn: aws.fisRoleArn ?? '',
        logConfiguration: aws.fisLogConfiguration,
        functionArn: arns.function,
        alarmArn: arns.alarm,
      },
      templateIds: aws.fisTemplates,
      changes,
      log,
    });
    const controller = badReleaseController(
      new AwsReleaseController({
        lambda,
        codeDeploy,
        applicationName: aws.codeDeployApplication,
        deploymentGroupName: aws.codeDeployDeploymentGroup,
        alias: aws.alias,
        allowCodeChange: options.canaryFromLatest ?? false,
        changes,
        log,
      }),
      injector,
      { stopAlarm: aws.errorRateAlarm, durationMs: BAD_RELEASE_FAULT_MS, log },
    );
    return {
      source: 'aws',
      injector: namedInjector(injector, names),
      observer: namedObserver(new AwsReleaseObserver({ lambda, cloudWatch, codeDeploy }), names),
      controller: namedController(controller, names),
      alarms: new AwsAlarmSubscriber({ cloudWatch, names }),
      // On an account, RDS and ElastiCache are not the harness's to stop: service drills are
      // skipped (run-one-drill.ts names the FIS actions). Rehearsing on the reference platform,
      // its Postgres and Redis are this run's own, stopped as the local adapter does.
      dependencies,
      async diagnoseUnreachedFault(functionName, waitedMs, diagnosisSignal) {
        const configuration = await lambda.getFunctionConfiguration(
          names.functionName(functionName),
          aws.alias,
          diagnosisSignal,
        );
        return unreachedFaultDiagnosis(
          fisExtensionProblems(configuration, aws.fisExtensionConfigurationLocation),
          waitedMs,
        );
      },
      recordChanges: (sink) => changes.attach(sink),
      describe: () => ({
        injector: `fis (${aws.region}, role ${aws.fisRoleArn ?? 'from templates'})`,
        observer:
          'aws (Lambda GetAlias, CloudWatch DescribeAlarms/DescribeAlarmHistory, CodeDeploy GetDeployment)',
        controller: `aws (Lambda, CodeDeploy ${aws.codeDeployApplication}/${aws.codeDeployDeploymentGroup})`,
        target: `${facts.functionName}:${aws.alias} (version ${facts.aliasVersion}) in account ${facts.accountId}`,
      }),
      [Symbol.asyncDispose]: async () => {
        // A crash between publish and rollback must not leave a bad release faulted.
        await controller.stopFaults(AbortSignal.timeout(10_000)).catch((error: unknown) => {
          log(`fis: could not stop a bad-release fault: ${(error as Error).message}`);
        });
        destroyAwsSdkClients(clients);
      },
    };
  } catch (error) {
    destroyAwsSdkClients(clients);
    throw error;
  }
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
      if (options.rehearseLocally && !environment.profile.aws) {
        const permission = chaosPermission(environment.profile, options.allowProductionChaos ?? false);
        if (!permission.applicable) return { skip: permission.reason };
        if (!isLoopback(target.baseUrl) || !target.adminToken) {
          return { skip: 'rehearsing the AWS path needs the reference platform: a loopback target with its admin token (HARNESS_ADMIN_TOKEN)' };
        }
        options.log?.(`chaos: AWS adapters against the reference platform's AWS-compatible endpoints at ${target.baseUrl}`);
        return openAws(LOCAL_PLATFORM_AWS, options, signal, { endpoint: target.baseUrl, credentials: localPlatformCredentials(target.adminToken) }, target.dependencies);
      }
      const skip = awsSkipReason(environment, options);
      if (skip || !environment.profile.aws) return { skip: skip ?? 'no aws block' };
      return openAws(environment.profile.aws, options, signal, awsClientOptions(options.env ?? process.env));
    },
  };
}
