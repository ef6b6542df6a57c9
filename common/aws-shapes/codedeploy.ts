/** AWS CodeDeploy for Lambda, in the field names of `CreateDeployment` and `GetDeployment`. */

export const DEPLOYMENT_STATUSES = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Succeeded',
  'Failed',
  'Stopped',
  'Ready',
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const DEPLOYMENT_FINAL_STATUSES: readonly DeploymentStatus[] = ['Succeeded', 'Failed', 'Stopped'];
/** A deployment in one of these has ended; any other status (or none read) has not. */
export const isFinalDeploymentStatus = (status: string | undefined): boolean =>
  (DEPLOYMENT_FINAL_STATUSES as readonly (string | undefined)[]).includes(status);
/** The statuses of a deployment that has not ended: what a search for leftovers asks for. */
export const ACTIVE_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = DEPLOYMENT_STATUSES.filter(
  (status) => !isFinalDeploymentStatus(status),
);

export type AutoRollbackEvent = 'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

/**
 * A Lambda deployment configuration. `CodeDeployDefault.LambdaCanary10Percent5Minutes` is
 * `{ type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } }`;
 * intervals are minutes on AWS and are scaled down locally (docs/chaos.md).
 */
export interface TrafficRoutingConfig {
  type: 'TimeBasedCanary' | 'TimeBasedLinear' | 'AllAtOnce';
  timeBasedCanary?: { canaryPercentage: number; canaryInterval: number };
  timeBasedLinear?: { linearPercentage: number; linearInterval: number };
}

/** What the local controller needs to shift one alias; on AWS the AppSpec carries the same. */
export interface CreateLambdaDeploymentInput {
  applicationName?: string;
  deploymentGroupName?: string;
  functionName: string;
  alias: string;
  /** The version the alias points at now; defaults to the alias's `FunctionVersion`. */
  currentVersion?: string;
  targetVersion: string;
  deploymentConfigName?: string;
  trafficRoutingConfig?: TrafficRoutingConfig;
  autoRollbackConfiguration?: { enabled: boolean; events: AutoRollbackEvent[] };
  alarmConfiguration?: { enabled: boolean; alarms: { name: string }[] };
}

/** `GetDeployment`'s `deploymentInfo`, the fields a drill reads. Times are ISO strings here. */
export interface DeploymentInfo {
  deploymentId: string;
  applicationName?: string;
  deploymentGroupName?: string;
  deploymentConfigName?: string;
  status: DeploymentStatus | (string & {});
  createTime: string;
  completeTime?: string;
  errorInformation?: { code: string; message: string };
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  autoRollbackConfiguration?: { enabled: boolean; events: AutoRollbackEvent[] };
  /** Local extension for readers of the timeline: which versions, and where traffic stands. */
  targetInstances?: {
    functionName: string;
    alias: string;
    currentVersion: string;
    targetVersion: string;
  };
}
