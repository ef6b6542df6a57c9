import type { AutoRollbackEvent, TrafficRoutingConfig } from '../../common/aws-shapes/codedeploy.ts';
import { predefinedConfig } from './traffic-plan.ts';

/** A Lambda deployment group: what CodeDeploy applies to every deployment made in it. */
export interface DeploymentGroup {
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  alarmConfiguration: { enabled: boolean; alarms: { name: string }[] };
  autoRollbackConfiguration: { enabled: boolean; events: AutoRollbackEvent[] };
}

/** The application and deployment group the local platform has, as serverless.yml would declare them. */
export const LOCAL_CODEDEPLOY_APPLICATION = 'hasivu-local';
export const LOCAL_DEPLOYMENT_GROUP = 'hasivu-local-live';

/**
 * CodeDeploy's account-level resources: the deployment groups (one, seeded, which stops
 * deployments on the seed alarms and rolls back) and the deployment configurations made with
 * CreateDeploymentConfig (CodeDeployDefault.* always exist). They outlive a reset, as an
 * account's configuration outlives its deployments.
 */
export class DeploymentGroups {
  readonly #groups: DeploymentGroup[];
  readonly #configs = new Map<string, { config: TrafficRoutingConfig; createTime: string }>();

  constructor(alarmNames: readonly string[]) {
    this.#groups = [
      {
        applicationName: LOCAL_CODEDEPLOY_APPLICATION,
        deploymentGroupName: LOCAL_DEPLOYMENT_GROUP,
        deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
        alarmConfiguration: { enabled: true, alarms: alarmNames.map((name) => ({ name })) },
        autoRollbackConfiguration: {
          enabled: true,
          events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
        },
      },
    ];
  }

  hasApplication(name: string): boolean {
    return this.#groups.some((g) => g.applicationName === name);
  }

  group(applicationName: string, deploymentGroupName: string): DeploymentGroup | undefined {
    const found = this.#groups.find(
      (g) => g.applicationName === applicationName && g.deploymentGroupName === deploymentGroupName,
    );
    return found && structuredClone(found);
  }

  config(name: string): { config: TrafficRoutingConfig; createTime?: string } | undefined {
    const predefined = predefinedConfig(name);
    if (predefined) return { config: predefined };
    const custom = this.#configs.get(name);
    return custom && structuredClone(custom);
  }

  /** CreateDeploymentConfig; false when the name is taken (a CodeDeployDefault.* name included). */
  createConfig(name: string, config: TrafficRoutingConfig, now: Date): boolean {
    if (this.config(name)) return false;
    this.#configs.set(name, { config: structuredClone(config), createTime: now.toISOString() });
    return true;
  }
}
