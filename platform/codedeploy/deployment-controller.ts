import { randomBytes } from 'node:crypto';
import type { AlarmState } from '../../common/aws-shapes/cloudwatch.ts';
import {
  isFinalDeploymentStatus,
  type CreateLambdaDeploymentInput,
  type DeploymentInfo,
  type DeploymentStatus,
  type TrafficRoutingConfig,
} from '../../common/aws-shapes/codedeploy.ts';
import { ApiError, conflict, validationFailed, foundOr404 } from '../http/api-error.ts';
import type { FunctionRegistry } from '../lambda/function-registry.ts';
import { predefinedConfig, trafficPlan, type TrafficStep } from './traffic-plan.ts';

export interface DeploymentControllerOptions {
  registry: FunctionRegistry;
  /** The state of an alarm by name; undefined when there is no such alarm. */
  alarmState: (name: string) => AlarmState | undefined;
  alarmNames: () => string[];
  /** Local length of one minute of an interval (HASIVU_DEPLOY_MINUTE_MS). */
  minuteMs: number;
  /** HASIVU_AUTO_ROLLBACK: false makes deployments ignore alarms altogether. */
  autoRollback: boolean;
  /** Test-only bug (late-rollback): how long an alarm must have been seen before the rollback happens. */
  rollbackDelayMs?: number;
  /** Test-only bug (rollback-leak): called with the version an automatic rollback shifted traffic away from. */
  onRolledBack?: (functionName: string, alias: string, rolledBackVersion: string) => void;
}

interface Deployment {
  info: DeploymentInfo;
  input: CreateLambdaDeploymentInput & { currentVersion: string };
  plan: TrafficStep[];
  nextStep: number;
  startedAt?: number;
  watched: string[];
  /** When an alarm was first seen during this deployment (for a delayed rollback). */
  alarmSeenAt?: number;
}

const newId = (): string =>
  `d-${randomBytes(6)
    .toString('base64url')
    .toUpperCase()
    .replaceAll(/[^A-Z0-9]/g, 'X')
    .slice(0, 9)}`;

/**
 * CodeDeploy for Lambda, for one alias at a time: shifts traffic in the configured steps,
 * watches the alarms, and on an alarm or a failure stops and shifts every request back to
 * the version the alias had, when automatic rollback says so. Driven by `tick(now)`.
 */
export class DeploymentController {
  readonly #options: DeploymentControllerOptions;
  readonly #deployments = new Map<string, Deployment>();

  constructor(options: DeploymentControllerOptions) {
    this.#options = options;
  }

  create(input: CreateLambdaDeploymentInput, now: Date): DeploymentInfo {
    const { registry } = this.#options;
    const alias = registry.alias(input.functionName, input.alias);
    const currentVersion = input.currentVersion ?? alias.FunctionVersion;
    const problems: Record<string, string[]> = {};
    if (!registry.version(input.functionName, input.targetVersion))
      problems.targetVersion = [`version ${input.targetVersion} is not published`];
    else if (input.targetVersion === currentVersion)
      problems.targetVersion = [`version ${input.targetVersion} is already the current version`];
    if (!registry.version(input.functionName, currentVersion))
      problems.currentVersion = [`version ${currentVersion} is not published`];
    const config = this.#routingConfig(input, problems);
    const watched = this.#watchedAlarms(input, problems);
    if (Object.keys(problems).length > 0 || !config) throw validationFailed(problems);
    for (const other of this.#deployments.values()) {
      const t = other.input;
      if (
        !isFinalDeploymentStatus(other.info.status) &&
        t.functionName === input.functionName &&
        t.alias === input.alias
      )
        throw conflict(`Deployment ${other.info.deploymentId} is still shifting ${input.functionName}:${input.alias}`);
    }
    const deploymentId = newId();
    const info: DeploymentInfo = {
      deploymentId,
      ...(input.applicationName ? { applicationName: input.applicationName } : {}),
      ...(input.deploymentGroupName ? { deploymentGroupName: input.deploymentGroupName } : {}),
      deploymentConfigName: input.deploymentConfigName ?? `Custom.${config.type}`,
      status: 'Created',
      createTime: now.toISOString(),
      ...(input.autoRollbackConfiguration
        ? { autoRollbackConfiguration: structuredClone(input.autoRollbackConfiguration) }
        : {}),
      targetInstances: {
        functionName: input.functionName,
        alias: input.alias,
        currentVersion,
        targetVersion: input.targetVersion,
      },
    };
    this.#deployments.set(deploymentId, {
      info,
      input: { ...structuredClone(input), currentVersion },
      plan: trafficPlan(config, this.#options.minuteMs),
      nextStep: 0,
      watched,
    });
    return structuredClone(info);
  }

  get(id: string): DeploymentInfo {
    const found = foundOr404(this.#deployments.get(id), `Deployment ${id}`);
    return structuredClone(found.info);
  }

  /** Newest first, as ListDeployments. */
  list(): string[] {
    return [...this.#deployments.keys()].reverse();
  }

  /** Advances every deployment in progress to `now`: alarms first, then the traffic steps due. */
  tick(now: Date): void {
    for (const deployment of this.#deployments.values()) {
      if (isFinalDeploymentStatus(deployment.info.status)) continue;
      try {
        this.#advance(deployment, now);
      } catch (error) {
        this.#fail(deployment, now, error instanceof Error ? error.message : String(error));
      }
    }
  }

  /** StopDeployment: stops it and, unless told otherwise by the deployment's own config, shifts traffic back. */
  stop(
    id: string,
    autoRollbackEnabled: boolean | undefined,
    now: Date,
  ): { status: 'Succeeded' | 'Pending'; statusMessage: string } {
    const deployment = foundOr404(this.#deployments.get(id), `Deployment ${id}`);
    if (isFinalDeploymentStatus(deployment.info.status))
      throw new ApiError(
        400,
        'DEPLOYMENT_ALREADY_COMPLETED',
        `Deployment ${id} has already ended (${deployment.info.status})`,
      );
    const rollBack = autoRollbackEnabled ?? deployment.input.autoRollbackConfiguration?.enabled ?? false;
    this.#end(deployment, 'Stopped', now, 'Deployment stopped on request', rollBack, 'DEPLOYMENT_STOPPED_ON_REQUEST');
    return {
      status: 'Succeeded',
      statusMessage: rollBack
        ? 'Stopped; traffic shifted back to the current version'
        : 'Stopped; traffic left as it was',
    };
  }

  /** Forgets every deployment; the registry's own reset puts the aliases back. */
  reset(): void {
    this.#deployments.clear();
  }

  #advance(deployment: Deployment, now: Date): void {
    const { info } = deployment;
    if (info.status === 'Created') {
      info.status = 'InProgress';
      deployment.startedAt = now.getTime();
    }
    const alarm = deployment.watched.find((name) => this.#options.alarmState(name) === 'ALARM');
    if (alarm && this.#options.autoRollback) {
      deployment.alarmSeenAt ??= now.getTime();
      if (now.getTime() - deployment.alarmSeenAt < (this.#options.rollbackDelayMs ?? 0)) return;
      const rollback = deployment.input.autoRollbackConfiguration;
      const rollBack = Boolean(rollback?.enabled && rollback.events.includes('DEPLOYMENT_STOP_ON_ALARM'));
      this.#end(deployment, 'Stopped', now, `Alarm ${alarm} is in ALARM`, rollBack, 'ALARM_ACTIVE');
      return;
    }
    const elapsed = now.getTime() - (deployment.startedAt ?? now.getTime());
    const { registry } = this.#options;
    const { functionName, alias, currentVersion, targetVersion } = deployment.input;
    while (deployment.nextStep < deployment.plan.length) {
      const step = deployment.plan[deployment.nextStep];
      if (!step || step.atMs > elapsed) break;
      deployment.nextStep++;
      if (step.weight >= 1) {
        registry.updateAlias(functionName, alias, { FunctionVersion: targetVersion });
        this.#finish(deployment, 'Succeeded', now);
        return;
      }
      registry.updateAlias(functionName, alias, {
        FunctionVersion: currentVersion,
        RoutingConfig: { AdditionalVersionWeights: { [targetVersion]: step.weight } },
      });
    }
  }

  #fail(deployment: Deployment, now: Date, message: string): void {
    const rollback = deployment.input.autoRollbackConfiguration;
    const rollBack = Boolean(rollback?.enabled && rollback.events.includes('DEPLOYMENT_FAILURE'));
    this.#end(deployment, 'Failed', now, message, rollBack, 'INTERNAL_ERROR');
  }

  #end(
    deployment: Deployment,
    status: DeploymentStatus,
    now: Date,
    why: string,
    rollBack: boolean,
    code: string,
  ): void {
    const { functionName, alias, currentVersion } = deployment.input;
    deployment.info.errorInformation = { code, message: why };
    if (rollBack) {
      try {
        this.#options.registry.updateAlias(functionName, alias, {
          FunctionVersion: currentVersion,
        });
      } catch (error) {
        deployment.info.errorInformation.message += `; rollback failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      this.#options.onRolledBack?.(functionName, alias, deployment.input.targetVersion);
      const rollbackId = newId();
      deployment.info.rollbackInfo = {
        rollbackDeploymentId: rollbackId,
        rollbackMessage: `${why}: traffic shifted back to version ${currentVersion}`,
      };
      this.#deployments.set(rollbackId, {
        info: {
          deploymentId: rollbackId,
          // A rollback is a deployment of the same group, as CodeDeploy lists it.
          ...(deployment.info.applicationName ? { applicationName: deployment.info.applicationName } : {}),
          ...(deployment.info.deploymentGroupName ? { deploymentGroupName: deployment.info.deploymentGroupName } : {}),
          deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
          status: 'Succeeded',
          createTime: now.toISOString(),
          completeTime: now.toISOString(),
          rollbackInfo: { rollbackTriggeringDeploymentId: deployment.info.deploymentId },
          ...(deployment.info.targetInstances
            ? {
                targetInstances: {
                  ...deployment.info.targetInstances,
                  currentVersion: deployment.info.targetInstances.targetVersion,
                  targetVersion: currentVersion,
                },
              }
            : {}),
        },
        input: deployment.input,
        plan: [],
        nextStep: 0,
        watched: [],
      });
    }
    this.#finish(deployment, status, now);
  }

  #finish(deployment: Deployment, status: DeploymentStatus, now: Date): void {
    deployment.info.status = status;
    deployment.info.completeTime = now.toISOString();
  }

  #routingConfig(
    input: CreateLambdaDeploymentInput,
    problems: Record<string, string[]>,
  ): TrafficRoutingConfig | undefined {
    if (input.trafficRoutingConfig) {
      const config = input.trafficRoutingConfig;
      if (config.type === 'TimeBasedCanary' && !config.timeBasedCanary)
        problems['trafficRoutingConfig.timeBasedCanary'] = ['is required for TimeBasedCanary'];
      if (config.type === 'TimeBasedLinear' && !config.timeBasedLinear)
        problems['trafficRoutingConfig.timeBasedLinear'] = ['is required for TimeBasedLinear'];
      return config;
    }
    const name = input.deploymentConfigName ?? 'CodeDeployDefault.LambdaAllAtOnce';
    const found = predefinedConfig(name);
    if (!found)
      problems.deploymentConfigName = [
        `${name} is not a Lambda deployment configuration; give trafficRoutingConfig instead`,
      ];
    return found;
  }

  /** CodeDeploy watches the alarms named in alarmConfiguration; with none given, locally every alarm is watched. */
  #watchedAlarms(input: CreateLambdaDeploymentInput, problems: Record<string, string[]>): string[] {
    const config = input.alarmConfiguration;
    if (!config) return this.#options.alarmNames();
    if (!config.enabled) return [];
    const names = config.alarms.map((alarm) => alarm.name);
    const unknown = names.filter((name) => this.#options.alarmState(name) === undefined);
    if (unknown.length > 0) problems['alarmConfiguration.alarms'] = [`no alarm named ${unknown.join(', ')}`];
    return names;
  }
}
