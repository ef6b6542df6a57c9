import type { CreateLambdaDeploymentInput } from '../../../../common/aws-shapes/codedeploy.ts';
import type {
  LambdaAliasConfiguration,
  LambdaFunctionVersion,
  ReleaseBehaviour,
} from '../../../../common/aws-shapes/lambda.ts';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { ReleaseController } from '../../../ports/release-controller.ts';
import { classifyAwsError } from '../sdk/aws-error-kind.ts';
import { toAliasConfiguration } from '../release-observer/aws-release-observer.ts';
import type { CodeDeployApi } from '../sdk/codedeploy-api.ts';
import type { CloudWatchApi } from '../sdk/cloudwatch-api.ts';
import type { LambdaApi } from '../sdk/lambda-api.ts';
import { lambdaAppSpec } from './lambda-appspec.ts';
import type { ChangeLog } from '../../../engine/journal-changes.ts';
import { publishCanaryVersion } from './canary-version.ts';
import { waitForQuietAlarms } from '../../../activities/quiet-alarms.ts';

/** How every deployment the harness creates describes itself: `--cleanup` stops only these. */
export const HARNESS_DESCRIPTION_PREFIX = 'hasivu-verify drill:';

/** `3` or `3 + 7@0.2`: an alias's routing in one word, for the journal. */
function describeRouting(alias: {
  FunctionVersion?: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
}): string {
  const extra = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).map(([v, w]) => ` + ${v}@${w}`);
  return `${alias.FunctionVersion ?? '?'}${extra.join('')}`;
}

export interface AwsReleaseControllerOptions {
  lambda: LambdaApi;
  codeDeploy: CodeDeployApi;
  /** The profile's CodeDeploy names, used when a deployment input names none. */
  applicationName: string;
  deploymentGroupName: string;
  /** The alias drills deploy through: the canary is made from the code it serves. */
  alias: string;
  /** Publish the canary from `$LATEST` even when its code differs from the alias's (`--canary-from-latest`). */
  allowCodeChange?: boolean;
  /** To see that the deployment group's alarms are quiet before deploying (optional). */
  cloudWatch?: CloudWatchApi;
  /** How long a deployment waits for the group's alarms to leave ALARM before it is refused. */
  quietTimeoutMs?: number;
  /** Where deployment ids and alias moves are journaled before the calls return. */
  changes?: ChangeLog;
  log?: (line: string) => void;
}

/**
 * Releases on AWS: Lambda `PublishVersion` and `UpdateAlias`, CodeDeploy `CreateDeployment`
 * (an AppSpec revision that moves the alias) and `StopDeployment`.
 */
export class AwsReleaseController implements ReleaseController {
  readonly name = 'aws';
  private readonly options: AwsReleaseControllerOptions;

  constructor(options: AwsReleaseControllerOptions) {
    this.options = options;
  }

  /**
   * The canary is a version this drill made from the code the alias serves now
   * (canary-version.ts): never the live version, never an unreleased build unless asked.
   */
  async publishVersion(
    functionName: string,
    options: { description?: string; behaviour?: ReleaseBehaviour },
    signal: AbortSignal,
  ): Promise<LambdaFunctionVersion> {
    if (options.behaviour && Object.keys(options.behaviour).length > 0) {
      // A bad release on AWS is a real artifact with its bug; the knob exists only locally.
      throw new HarnessError(
        'AWS_RELEASE_BEHAVIOUR',
        `A drill asked AWS to publish ${functionName} with a release behaviour (${JSON.stringify(options.behaviour)}); ` +
          "on AWS a bad canary is simulated with a FIS fault on the new version instead. Fix: use the drill's FIS variant.",
      );
    }
    const canary = await publishCanaryVersion(
      {
        lambda: this.options.lambda,
        changes: this.options.changes,
        alias: this.options.alias,
        allowCodeChange: this.options.allowCodeChange ?? false,
        log: this.options.log,
      },
      functionName,
      options.description,
      signal,
    );
    return {
      FunctionName: functionName,
      Version: canary.version,
      Description: canary.output.Description,
      Environment: canary.output.Environment?.Variables
        ? { Variables: { ...canary.output.Environment.Variables } }
        : undefined,
    };
  }

  async createDeployment(input: CreateLambdaDeploymentInput, signal: AbortSignal): Promise<{ deploymentId: string }> {
    const currentVersion =
      input.currentVersion ??
      (await this.options.lambda.getAlias(input.functionName, input.alias, signal)).FunctionVersion;
    if (!currentVersion) {
      throw new HarnessError(
        'LAMBDA_NO_ALIAS_VERSION',
        `Alias ${input.functionName}:${input.alias} points at no version`,
      );
    }
    await this.ensureDeploymentConfig(input, signal);
    await this.groupAlarmsQuiet(input, signal);
    const appSpec = lambdaAppSpec({
      functionName: input.functionName,
      alias: input.alias,
      currentVersion,
      targetVersion: input.targetVersion,
    });
    const output = await this.options.codeDeploy.createDeployment(
      {
        applicationName: input.applicationName ?? this.options.applicationName,
        deploymentGroupName: input.deploymentGroupName ?? this.options.deploymentGroupName,
        deploymentConfigName: input.deploymentConfigName,
        description: `${HARNESS_DESCRIPTION_PREFIX} ${input.functionName}:${input.alias} ${currentVersion} -> ${input.targetVersion}`,
        revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec },
        ...(input.autoRollbackConfiguration
          ? { autoRollbackConfiguration: { ...input.autoRollbackConfiguration } }
          : {}),
      },
      signal,
    );
    if (!output.deploymentId)
      throw new HarnessError('CODEDEPLOY_NO_DEPLOYMENT', 'CreateDeployment returned no deployment id');
    // On disk before anything else can fail: a crash from here on leaves a deployment to stop.
    await this.options.changes?.record({ kind: 'deployment', id: output.deploymentId });
    this.options.log?.(
      `codedeploy: deployment ${output.deploymentId} moves ${input.functionName}:${input.alias} to ${input.targetVersion}`,
    );
    return { deploymentId: output.deploymentId };
  }

  /**
   * On AWS every alarm of the deployment group stops a deployment, whatever the drill lists
   * (CreateDeployment takes no alarms): one already in ALARM would roll the canary back before
   * it took any traffic, and blame the release. Waits, bounded, for them to be quiet.
   */
  private async groupAlarmsQuiet(input: CreateLambdaDeploymentInput, signal: AbortSignal): Promise<void> {
    const { cloudWatch } = this.options;
    if (!cloudWatch) return;
    const application = input.applicationName ?? this.options.applicationName;
    const groupName = input.deploymentGroupName ?? this.options.deploymentGroupName;
    const group = await this.options.codeDeploy.getDeploymentGroup(application, groupName, signal);
    const names = (group.deploymentGroupInfo?.alarmConfiguration?.alarms ?? []).flatMap((a) =>
      a.name ? [a.name] : [],
    );
    if (names.length === 0) return;
    const timeoutMs = this.options.quietTimeoutMs ?? 30_000;
    const read = async () => (await cloudWatch.describeAlarms({ AlarmNames: names }, signal)).MetricAlarms ?? [];
    const firing = await waitForQuietAlarms(read, { timeoutMs, signal });
    if (firing.length > 0) {
      throw new HarnessError(
        'DEPLOYMENT_GROUP_ALARM',
        `deployment group ${application}/${groupName} has ${firing.join(', ')} in ALARM after ${timeoutMs} ms: it would stop the canary at once. Nothing was deployed.`,
      );
    }
  }

  /**
   * A drill names its canary as a deployment configuration (`HasivuDrill.Canary20Percent5Minutes`)
   * with the routing it means. CodeDeploy's own (`CodeDeployDefault.*`) always exist; a drill's is
   * created once, for the Lambda compute platform, the first time a deployment needs it. The
   * alarms that stop the deployment are the deployment group's (the preflight checks them).
   */
  private async ensureDeploymentConfig(input: CreateLambdaDeploymentInput, signal: AbortSignal): Promise<void> {
    const name = input.deploymentConfigName;
    if (!name || name.startsWith('CodeDeployDefault.') || !input.trafficRoutingConfig) return;
    try {
      await this.options.codeDeploy.getDeploymentConfig(name, signal);
    } catch (error) {
      if (classifyAwsError(error) !== 'not-found') throw error;
      await this.options.codeDeploy.createDeploymentConfig(
        {
          deploymentConfigName: name,
          computePlatform: 'Lambda',
          trafficRoutingConfig: { ...input.trafficRoutingConfig },
        },
        signal,
      );
      this.options.log?.(`codedeploy: created deployment configuration ${name}`);
    }
  }

  async stopDeployment(deploymentId: string, autoRollbackEnabled: boolean, signal: AbortSignal): Promise<void> {
    const output = await this.options.codeDeploy.stopDeployment(deploymentId, autoRollbackEnabled, signal);
    this.options.log?.(
      `codedeploy: stop ${deploymentId} (rollback ${autoRollbackEnabled ? 'on' : 'off'}): ${output.status ?? '?'} ${output.statusMessage ?? ''}`.trim(),
    );
  }

  async restoreAlias(
    functionName: string,
    alias: string,
    version: string,
    signal: AbortSignal,
  ): Promise<LambdaAliasConfiguration> {
    const before = await this.options.lambda.getAlias(functionName, alias, signal);
    await this.options.changes?.record({
      kind: 'alias',
      functionName,
      alias,
      from: describeRouting(before),
      to: version,
    });
    // An empty weights map removes the canary: all traffic to `version`.
    const output = await this.options.lambda.updateAlias(
      {
        FunctionName: functionName,
        Name: alias,
        FunctionVersion: version,
        RoutingConfig: { AdditionalVersionWeights: {} },
      },
      signal,
    );
    return toAliasConfiguration(output, alias);
  }
}
