/**
 * AWS Fault Injection Service, in its own words. The reference platform's fault injector
 * and the harness's FIS adapter both speak this vocabulary, so a drill written once runs
 * against either. Names and parameters follow the FIS action reference for Lambda.
 */

/** The Lambda fault actions FIS offers; the reference platform injects these itself. */
export const FIS_LAMBDA_ACTIONS = [
  'aws:lambda:invocation-error',
  'aws:lambda:invocation-add-delay',
  'aws:lambda:invocation-http-integration-response',
] as const;
export type FisLambdaActionId = (typeof FIS_LAMBDA_ACTIONS)[number];

/**
 * Outages of the services behind the platform, in the names of the FIS actions that cause
 * them on AWS: an RDS reboot for Postgres, an ElastiCache AZ power interruption for Redis.
 * Locally the harness owns those servers and runs each as a stop (the fault) and a start
 * (the recovery) of the server; the platform's control API refuses them by these names.
 */
export const FIS_SERVICE_ACTIONS = {
  'aws:rds:reboot-db-instances': {
    service: 'postgres',
    targetType: 'aws:rds:db',
    targetKey: 'DBInstances',
  },
  'aws:elasticache:replicationgroup-interrupt-az-power': {
    service: 'redis',
    targetType: 'aws:elasticache:replicationgroup',
    targetKey: 'ReplicationGroups',
  },
} as const;
export type FisServiceActionId = keyof typeof FIS_SERVICE_ACTIONS;
export type LocalService = (typeof FIS_SERVICE_ACTIONS)[FisServiceActionId]['service'];
export const FIS_SERVICE_ACTION_IDS = Object.keys(FIS_SERVICE_ACTIONS) as FisServiceActionId[];
/** The services a local drill or test may take down, one per service action. */
export const LOCAL_SERVICES: readonly LocalService[] = FIS_SERVICE_ACTION_IDS.map(
  (id) => FIS_SERVICE_ACTIONS[id].service,
);
/** The two halves of a local service outage: `stop` injects it, `start` recovers from it. */
export const SERVICE_OUTAGE_STEPS = ['stop', 'start'] as const;
export type ServiceOutageStep = (typeof SERVICE_OUTAGE_STEPS)[number];

export function isFisServiceAction(actionId: string): actionId is FisServiceActionId {
  return Object.hasOwn(FIS_SERVICE_ACTIONS, actionId);
}

/** FIS's target resource type for Lambda faults; its key in an action's `targets` is `Functions`. */
export const FIS_LAMBDA_TARGET_TYPE = 'aws:lambda:function';
export const FIS_LAMBDA_TARGET_KEY = 'Functions';

/**
 * Every state an experiment can be in. `cancelled` is newer than the SDK client served here,
 * so code reading states from AWS must accept strings outside this list too.
 */
export const FIS_EXPERIMENT_STATES = [
  'pending',
  'initiating',
  'running',
  'completed',
  'stopping',
  'stopped',
  'failed',
  'cancelled',
] as const;
export type FisExperimentStatus = (typeof FIS_EXPERIMENT_STATES)[number];
/** States after which an experiment never changes again. */
export const FIS_FINAL_STATES: readonly FisExperimentStatus[] = ['completed', 'stopped', 'failed', 'cancelled'];

export const isFinalExperimentStatus = (status: string): boolean =>
  (FIS_FINAL_STATES as readonly string[]).includes(status);

/**
 * Parameters are strings, as in FIS (`"100"`, `"true"`, `"PT2M"`).
 * - invocation-error: `invocationPercentage`, `preventExecution`, `duration`
 * - invocation-add-delay: `startupDelayMilliseconds`, `invocationPercentage`, `duration`
 * - invocation-http-integration-response: `statusCode`, `contentTypeHeader`, `invocationPercentage`, `duration`
 */
export type FisParameters = Record<string, string>;

export interface FisExperimentAction {
  /** A Lambda fault, or on AWS a dependency outage (RDS reboot, ElastiCache interruption). */
  actionId: FisLambdaActionId | FisServiceActionId;
  description?: string;
  parameters: FisParameters;
  /** `{ Functions: '<target name>' }`: the key of an entry in the experiment's `targets`. */
  targets: Record<string, string>;
  startAfter?: string[];
}

export interface FisExperimentTarget {
  resourceType: typeof FIS_LAMBDA_TARGET_TYPE | (typeof FIS_SERVICE_ACTIONS)[FisServiceActionId]['targetType'];
  /** ARNs on AWS; locally `function-name` or `function-name:version`. */
  resourceArns: string[];
  selectionMode: 'ALL' | `COUNT(${number})` | `PERCENT(${number})`;
}

export interface FisStopCondition {
  /** `aws:cloudwatch:alarm` with the alarm's name (locally) or ARN (on AWS) as `value`, or `none`. */
  source: 'aws:cloudwatch:alarm' | 'none';
  value?: string;
}

/** The body of `StartExperiment` when no template exists yet (locally), or the template's content. */
export interface FisExperimentDefinition {
  description?: string;
  actions: Record<string, FisExperimentAction>;
  targets: Record<string, FisExperimentTarget>;
  stopConditions: FisStopCondition[];
  /** `skip-all` is FIS's dry run: the experiment runs through its states and injects nothing. */
  experimentOptions?: { actionsMode?: 'run-all' | 'skip-all' };
  tags?: Record<string, string>;
}

export interface FisExperimentState {
  /** One of FIS_EXPERIMENT_STATES on the local platform; any string from AWS. */
  status: FisExperimentStatus | (string & {});
  reason?: string;
  error?: { accountId?: string; location?: string; code?: string };
}

export interface FisExperiment extends FisExperimentDefinition {
  id: string;
  experimentTemplateId?: string;
  state: FisExperimentState;
  actions: Record<
    string,
    FisExperimentAction & {
      state?: { status: string; reason?: string };
      startTime?: string;
      endTime?: string;
    }
  >;
  creationTime: string;
  startTime?: string;
  endTime?: string;
}
