/**
 * The reference platform's control API (local only, `x-admin-token`): the routes that mirror
 * Lambda, CodeDeploy, CloudWatch and FIS. Request and response bodies use the types of the
 * neighbouring files, so the harness's local observer and its AWS observer read the same shapes.
 * Paths are relative to the platform's base URL.
 */
export const CONTROL_ROUTES = {
  /** GET → `{ Functions: [{ FunctionName, Aliases: string[] }] }` */
  listFunctions: 'GET /_control/lambda/functions',
  /** GET → `{ Versions: LambdaFunctionVersion[] }`; POST `{ Description?, ReleaseBehaviour? }` → 201 LambdaFunctionVersion */
  listVersions: 'GET /_control/lambda/functions/{name}/versions',
  publishVersion: 'POST /_control/lambda/functions/{name}/versions',
  /** GET → LambdaAliasConfiguration; PUT `{ FunctionVersion, RoutingConfig? }` → LambdaAliasConfiguration */
  getAlias: 'GET /_control/lambda/functions/{name}/aliases/{alias}',
  updateAlias: 'PUT /_control/lambda/functions/{name}/aliases/{alias}',
  /** POST CreateLambdaDeploymentInput → 201 `{ deploymentId }` */
  createDeployment: 'POST /_control/codedeploy/deployments',
  /** GET → `{ deploymentInfo: DeploymentInfo }` */
  getDeployment: 'GET /_control/codedeploy/deployments/{id}',
  /** GET → `{ deployments: string[] }` (ids, newest first) */
  listDeployments: 'GET /_control/codedeploy/deployments',
  /** POST `{ autoRollbackEnabled? }` → `{ status: 'Succeeded' | 'Pending', statusMessage }` */
  stopDeployment: 'POST /_control/codedeploy/deployments/{id}/stop',
  /** GET → `{ MetricAlarms: MetricAlarm[] }`; PUT MetricAlarmDefinition (upsert, as PutMetricAlarm) */
  describeAlarms: 'GET /_control/cloudwatch/alarms',
  putAlarm: 'PUT /_control/cloudwatch/alarms/{name}',
  /** GET → `{ AlarmHistoryItems: AlarmHistoryItem[] }`, oldest first */
  alarmHistory: 'GET /_control/cloudwatch/alarms/{name}/history',
  /** POST FisExperimentDefinition → 201 `{ experiment: FisExperiment }` */
  startExperiment: 'POST /_control/fis/experiments',
  /** GET → `{ experiments: FisExperiment[] }` */
  listExperiments: 'GET /_control/fis/experiments',
  /** GET → `{ experiment: FisExperiment }` */
  getExperiment: 'GET /_control/fis/experiments/{id}',
  /** POST → `{ experiment: FisExperiment }` (state `stopping`, then `stopped`) */
  stopExperiment: 'POST /_control/fis/experiments/{id}/stop',
} as const;

/** The alias the gateway routes every invocation through, as `live` on the deployed platform. */
export const LIVE_ALIAS = 'live';
