import { FIS_SERVICE_ACTION_IDS } from '../../../../common/aws-shapes/fis.ts';
import type { DependencyControl } from '../../../../runner/target.ts';
import { ChangeLog } from '../../../engine/journal-changes.ts';
import type { AlarmSubscriber } from '../../../ports/alarm-subscriber.ts';
import type { ReleaseObserver } from '../../../ports/release-observer.ts';
import type { DrillAdapters } from '../../drill-adapters.ts';
import { AwsAlarmSubscriber } from '../alarm-subscriber/aws-alarm-subscriber.ts';
import { fisDependencyControl, type FisDependencyControl } from '../fault-injector/fis-dependency-control.ts';
import { fisExtensionProblems, unreachedFaultDiagnosis } from '../fault-injector/fis-extension-check.ts';
import { FisFaultInjector } from '../fault-injector/fis-fault-injector.ts';
import { AwsReleaseController } from '../release-controller/aws-release-controller.ts';
import { badReleaseController, type BadReleaseController } from '../release-controller/bad-release-controller.ts';
import { AwsReleaseObserver } from '../release-observer/aws-release-observer.ts';
import { awsArns } from '../sdk/aws-arns.ts';
import { ROLLBACK_RETRY, type RetryPolicy } from '../sdk/aws-call.ts';
import { awsNames, type AwsNames } from '../sdk/aws-names.ts';
import { cloudWatchApi, type CloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { codeDeployApi, type CodeDeployApi } from '../sdk/codedeploy-api.ts';
import { fisApi, type FisApi } from '../sdk/fis-api.ts';
import { lambdaApi, type LambdaApi } from '../sdk/lambda-api.ts';
import {
  createAwsSdkClients,
  destroyAwsSdkClients,
  type AwsClientOptions,
  type AwsSdkClients,
} from '../sdk/sdk-clients.ts';
import { namedController, namedInjector, namedObserver } from './aws-named-adapters.ts';
import { awsPreflight, type AwsPreflightFacts, type AwsProfile } from './aws-preflight.ts';

/** A bad release's fault ends by itself after this, if no rollback stopped it first. */
const BAD_RELEASE_FAULT_MS = 15 * 60_000;
/** An ElastiCache interruption ends by itself after this, if the drill's start step did not end it. */
const DEPENDENCY_OUTAGE_MS = 5 * 60_000;

/** What opening the AWS adapters needs from the candidate's options. */
export interface OpenAwsOptions {
  /** Drills that will run; one without a template id in the profile needs the FIS role. */
  drills?: readonly string[];
  /** Replaceable for tests: SDK clients whose `send` is stubbed. */
  clients?: (region: string) => AwsSdkClients;
  /** `--canary-from-latest`: the canary may carry `$LATEST`'s code even when it differs from the live code. */
  canaryFromLatest?: boolean;
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
export interface LocalRehearsal {
  /** `undefined` or external: the platform's FIS endpoint cannot take them away. */
  unlentDependencies: DependencyControl | undefined;
  lent: boolean;
  alarms(aws: AwsAlarmSubscriber): AlarmSubscriber;
  close(): Promise<void>;
}

/** The project's per-service APIs over one set of SDK clients, sharing one rollback retry policy. */
interface AwsApis {
  lambda: LambdaApi;
  cloudWatch: CloudWatchApi;
  codeDeploy: CodeDeployApi;
  fis: FisApi;
}

function awsApis(clients: AwsSdkClients, retry: RetryPolicy): AwsApis {
  return {
    lambda: lambdaApi(clients.lambda, { retry }),
    cloudWatch: cloudWatchApi(clients.cloudWatch, { retry }),
    codeDeploy: codeDeployApi(clients.codeDeploy, { retry }),
    fis: fisApi(clients.fis, { retry }),
  };
}

/** Everything a drill on AWS drives, once the preflight passed. */
interface AwsDrillParts {
  aws: AwsProfile;
  apis: AwsApis;
  facts: AwsPreflightFacts;
  names: AwsNames;
  changes: ChangeLog;
  injector: FisFaultInjector;
  controller: BadReleaseController;
  dependencies: FisDependencyControl | undefined;
}

function fisInjector(
  aws: AwsProfile,
  apis: AwsApis,
  facts: AwsPreflightFacts,
  changes: ChangeLog,
  log: (line: string) => void,
): FisFaultInjector {
  const arns = awsArns(aws.region, facts.accountId);
  return new FisFaultInjector({
    api: apis.fis,
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
}

/** Releases through Lambda and CodeDeploy, each bad release made bad by a FIS experiment. */
function releaseController(
  aws: AwsProfile,
  apis: AwsApis,
  injector: FisFaultInjector,
  options: { canaryFromLatest: boolean; changes: ChangeLog; log: (line: string) => void },
): BadReleaseController {
  const { changes, log } = options;
  const controller = new AwsReleaseController({
    lambda: apis.lambda,
    codeDeploy: apis.codeDeploy,
    applicationName: aws.codeDeployApplication,
    deploymentGroupName: aws.codeDeployDeploymentGroup,
    alias: aws.alias,
    cloudWatch: apis.cloudWatch,
    allowCodeChange: options.canaryFromLatest,
    changes,
    log,
  });
  return badReleaseController(controller, injector, {
    stopAlarm: aws.errorRateAlarm,
    durationMs: BAD_RELEASE_FAULT_MS,
    log,
  });
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

/** Names for the journal: which AWS service did what, on which function and account. */
function describeAwsAdapters({ aws, facts, dependencies }: AwsDrillParts): Record<string, string> {
  return {
    injector: `fis (${aws.region}, role ${aws.fisRoleArn ?? 'from templates'})`,
    observer: 'aws (Lambda GetAlias, CloudWatch DescribeAlarms/DescribeAlarmHistory, CodeDeploy GetDeployment)',
    controller: `aws (Lambda, CodeDeploy ${aws.codeDeployApplication}/${aws.codeDeployDeploymentGroup})`,
    target: `${facts.functionName}:${aws.alias} (version ${facts.aliasVersion}) in account ${facts.accountId}`,
    dependencies: dependencies
      ? `fis (${FIS_SERVICE_ACTION_IDS.join(', ')} on ${Object.values(aws.dependencies ?? {}).join(', ') || 'no resource named'})`
      : 'none',
  };
}

/** Ports named the AWS way, and what ends a drill and the run on AWS. */
function awsDrillAdapters(
  parts: AwsDrillParts,
  rehearsal: LocalRehearsal | undefined,
  close: () => Promise<void>,
  log: (line: string) => void,
): DrillAdapters {
  const { aws, apis, names, changes, injector, controller, dependencies } = parts;
  const alarms = new AwsAlarmSubscriber({ cloudWatch: apis.cloudWatch, names });
  const observer = new AwsReleaseObserver({
    lambda: apis.lambda,
    cloudWatch: apis.cloudWatch,
    codeDeploy: apis.codeDeploy,
  });
  return {
    source: 'aws',
    injector: namedInjector(injector, names),
    observer: namedObserver(retiringObserver(observer, controller), names),
    controller: namedController(controller, names),
    alarms: rehearsal ? rehearsal.alarms(alarms) : alarms,
    dependencies: dependencies ?? rehearsal?.unlentDependencies,
    async diagnoseUnreachedFault(functionName, waitedMs, signal) {
      const configuration = await apis.lambda.getFunctionConfiguration(
        names.functionName(functionName),
        aws.alias,
        signal,
      );
      return unreachedFaultDiagnosis(
        fisExtensionProblems(configuration, aws.fisExtensionConfigurationLocation),
        waitedMs,
      );
    },
    recordChanges: (sink) => changes.attach(sink),
    async endDrill(signal) {
      await controller.stopFaults(signal);
      await dependencies?.release(signal);
    },
    describe: () => describeAwsAdapters(parts),
    [Symbol.asyncDispose]: async () => {
      // A crash between publish and rollback must not leave a bad release faulted.
      await controller.stopFaults(AbortSignal.timeout(10_000)).catch((error: unknown) => {
        log(`fis: could not stop a bad-release fault: ${(error as Error).message}`);
      });
      await dependencies?.release(AbortSignal.timeout(30_000)).catch((error: unknown) => {
        log(`fis: could not end a dependency outage: ${(error as Error).message}`);
      });
      await close();
    },
  };
}

/** The read-only preflight, then every part of a drill on AWS built on what it learned. */
async function prepareAws(
  aws: AwsProfile,
  apis: AwsApis,
  options: OpenAwsOptions,
  rehearsal: LocalRehearsal | undefined,
  signal: AbortSignal,
): Promise<AwsDrillParts> {
  const log = options.log ?? (() => {});
  const drills = options.drills ?? [];
  const facts = await awsPreflight(aws, {
    lambda: apis.lambda,
    cloudWatch: apis.cloudWatch,
    codeDeploy: apis.codeDeploy,
    needsFisRole: drills.length === 0 || drills.some((drill) => !aws.fisTemplates[drill]),
    signal,
  });
  const changes = new ChangeLog();
  const injector = fisInjector(aws, apis, facts, changes, log);
  // RDS and ElastiCache outages are FIS experiments on the resources the profile names
  // (skipped with the field to set when it names none); rehearsing, on the platform's own.
  const dependencies =
    rehearsal && !rehearsal.lent
      ? undefined
      : fisDependencyControl({
          injector,
          arns: aws.dependencies ?? {},
          outageMs: DEPENDENCY_OUTAGE_MS,
          log,
        });
  const controller = releaseController(aws, apis, injector, {
    canaryFromLatest: options.canaryFromLatest ?? false,
    changes,
    log,
  });
  return { aws, apis, facts, names: awsNames(aws), changes, injector, controller, dependencies };
}

/**
 * Opens the AWS adapters for one profile's `aws` block: SDK clients, the preflight, then the
 * ports. The clients (and a rehearsal's control client) are closed on failure, or when the
 * adapters are disposed.
 */
export async function openAws(
  aws: AwsProfile,
  options: OpenAwsOptions,
  signal: AbortSignal,
  clientOptions: AwsClientOptions,
  rehearsal?: LocalRehearsal,
): Promise<DrillAdapters> {
  const log = options.log ?? (() => {});
  const clients = options.clients ? options.clients(aws.region) : createAwsSdkClients(aws.region, clientOptions);
  const close = async (): Promise<void> => {
    destroyAwsSdkClients(clients);
    await rehearsal?.close();
  };
  try {
    const parts = await prepareAws(aws, awsApis(clients, { ...ROLLBACK_RETRY, log }), options, rehearsal, signal);
    return awsDrillAdapters(parts, rehearsal, close, log);
  } catch (error) {
    await close();
    throw error;
  }
}
