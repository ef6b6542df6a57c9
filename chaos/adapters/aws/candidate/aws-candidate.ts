import type { ResolvedEnvironment } from '../../../../fixtures/environments/resolve-profile.ts';
import type { AdapterCandidate } from '../../adapter-candidate.ts';
import type { DependencyControl } from '../../../../runner/target.ts';
import type { AlarmSubscriber } from '../../../ports/alarm-subscriber.ts';
import { ControlClient } from '../../../../fixtures/platform-control/control-client.ts';
import { LocalAlarmSubscriber } from '../../local/local-alarm-subscriber.ts';
import type { DrillAdapters } from '../../drill-adapters.ts';
import { chaosSkipReason } from '../../../model/chaos-permission.ts';
import { AwsAlarmSubscriber } from '../alarm-subscriber/aws-alarm-subscriber.ts';
import { awsArns } from '../sdk/aws-arns.ts';
import { badReleaseController, type BadReleaseController } from '../release-controller/bad-release-controller.ts';
import type { ReleaseObserver } from '../../../ports/release-observer.ts';
import { detectAwsCredentials } from '../sdk/aws-credentials.ts';
import { fisExtensionProblems, unreachedFaultDiagnosis } from '../fault-injector/fis-extension-check.ts';
import { namedController, namedInjector, namedObserver } from './aws-named-adapters.ts';
import { awsNames } from '../sdk/aws-names.ts';
import { awsPreflight, type AwsProfile } from './aws-preflight.ts';
import { AwsReleaseController } from '../release-controller/aws-release-controller.ts';
import { AwsReleaseObserver } from '../release-observer/aws-release-observer.ts';
import { cloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { codeDeployApi } from '../sdk/codedeploy-api.ts';
import { fisApi } from '../sdk/fis-api.ts';
import { FisFaultInjector } from '../fault-injector/fis-fault-injector.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import { fisDependencyControl, type FisDependencyControl } from '../fault-injector/fis-dependency-control.ts';
import { FIS_SERVICE_ACTION_IDS } from '../../../../common/aws-shapes/fis.ts';
import { createAwsSdkClients, destroyAwsSdkClients, type AwsClientOptions, type AwsSdkClients } from '../sdk/sdk-clients.ts';
import { ROLLBACK_RETRY } from '../sdk/aws-call.ts';
import { ChangeLog } from '../../../engine/journal-changes.ts';
import { isLoopback } from '../../../../common/is-loopback.ts';
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

/**
 * What the reference platform cannot be asked fully the AWS way when rehearsing: its Postgres
 * and Redis reach FIS only when this run started them and lent them to the platform (else
 * `dependencies` says why the service drills skip), and its alarms have no SNS topic, so
 * the drill's receiver is added to their actions through the control API (the stand-in for
 * `put-metric-alarm --alarm-actions`); delivery is still proved the AWS way, from the alarm
 * history's Action items read through the SDK.
 */
interface LocalRehearsal {
  /** `undefined` or external: the platform's FIS endpoint cannot take them away. */
  unlentDependencies: DependencyControl | undefined;
  lent: boolean;
  alarms(aws: AwsAlarmSubscriber): AlarmSubscriber;
  close(): Promise<void>;
}

function localRehearsal(baseUrl: string, adminToken: string, dependencies: DependencyControl | undefined): LocalRehearsal {
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

/**
 * Every look at the alias, or at a deployment that ended without success, also ends the faults
 * of bad versions no longer served: the drill's own probes of the rollback are then what retire
 * the bad release, as a rollback retires a real one.
 */
function retiringObserver(inner: ReleaseObserver, controller: BadReleaseController): ReleaseObserver {
  return {
    name: inner.name,
    async getAlias(functionName, alias, signal) {
      const read = await inner.getAlias(functionName, alias, signal);
      const served = [read.FunctionVersion, ...Object.keys(read.RoutingConfig?.AdditionalVersionWeights ?? {})];
      await controller.retire(served, signal);
      return read;
    },
    describeAlarms: (alarms, signal) => inner.describeAlarms(alarms, signal),
    alarmHistory: (alarm, signal) => inner.alarmHistory(alarm, signal),
    async getDeployment(id, signal) {
      const deployment = await inner.getDeployment(id, signal);
      await controller.deploymentEnded(id, deployment.status ?? '', signal);
      return deployment;
    },
  };
}

/** A bad release's fault ends by itself after this, if no rollback stopped it first. */
const BAD_RELEASE_FAULT_MS = 15 * 60_000;
/** An ElastiCache interruption ends by itself after this, if the drill's start step did not end it. */
const DEPENDENCY_OUTAGE_MS = 5 * 60_000;

/** Why this run cannot drill AWS, without touching the network; undefined when it can. */
export function awsSkipReason(
  environment: ResolvedEnvironment,
  options: AwsCandidateOptions,
): string | undefined {
  const { profile } = environment;
  if (!profile.aws) return `the ${profile.name} profile has no aws block`;
  const refused = chaosSkipReason(profile, options.allowProductionChaos ?? false);
  if (refused) return refused;
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
  rehearsal?: LocalRehearsal,
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
    // RDS and ElastiCache outages are FIS experiments on the resources the profile names
    // (skipped with the field to set when it names none); rehearsing, on the platform's own.
    const dependencies: FisDependencyControl | undefined =
      rehearsal && !rehearsal.lent
        ? undefined
        : fisDependencyControl({ injector, arns: aws.dependencies ?? {}, outageMs: DEPENDENCY_OUTAGE_MS, log });
    const controller = badReleaseController(
      new AwsReleaseController({
        lambda,
        codeDeploy,
        applicationName: aws.codeDeployApplication,
        deploymentGroupName: aws.codeDeployDeploymentGroup,
        alias: aws.alias,
        cloudWatch,
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
      observer: namedObserver(retiringObserver(new AwsReleaseObserver({ lambda, cloudWatch, codeDeploy }), controller), names),
      controller: namedController(controller, names),
      alarms: rehearsal ? rehearsal.alarms(new AwsAlarmSubscriber({ cloudWatch, names })) : new AwsAlarmSubscriber({ cloudWatch, names }),
      dependencies: dependencies ?? rehearsal?.unlentDependencies,
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
      async endDrill(endSignal) {
        await controller.stopFaults(endSignal);
        await dependencies?.release(endSignal);
      },
      describe: () => ({
        injector: `fis (${aws.region}, role ${aws.fisRoleArn ?? 'from templates'})`,
        observer:
          'aws (Lambda GetAlias, CloudWatch DescribeAlarms/DescribeAlarmHistory, CodeDeploy GetDeployment)',
        controller: `aws (Lambda, CodeDeploy ${aws.codeDeployApplication}/${aws.codeDeployDeploymentGroup})`,
        target: `${facts.functionName}:${aws.alias} (version ${facts.aliasVersion}) in account ${facts.accountId}`,
        dependencies: dependencies
          ? `fis (${FIS_SERVICE_ACTION_IDS.join(', ')} on ${Object.values(aws.dependencies ?? {}).join(', ') || 'no resource named'})`
          : 'none',
      }),
      [Symbol.asyncDispose]: async () => {
        // A crash between publish and rollback must not leave a bad release faulted.
        await controller.stopFaults(AbortSignal.timeout(10_000)).catch((error: unknown) => {
          log(`fis: could not stop a bad-release fault: ${(error as Error).message}`);
        });
        await dependencies?.release(AbortSignal.timeout(30_000)).catch((error: unknown) => {
          log(`fis: could not end a dependency outage: ${(error as Error).message}`);
        });
        destroyAwsSdkClients(clients);
        await rehearsal?.close();
      },
    };
  } catch (error) {
    destroyAwsSdkClients(clients);
    await rehearsal?.close();
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
        const refused = chaosSkipReason(environment.profile, options.allowProductionChaos ?? false);
        if (refused) return { skip: refused };
        if (!isLoopback(target.baseUrl) || !target.adminToken) {
          return { skip: 'rehearsing the AWS path needs the reference platform: a loopback target with its admin token (HARNESS_ADMIN_TOKEN)' };
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
      const skip = awsSkipReason(environment, options);
      if (skip || !environment.profile.aws) return { skip: skip ?? 'no aws block' };
      return openAws(environment.profile.aws, options, signal, awsClientOptions(options.env ?? process.env));
    },
  };
}
