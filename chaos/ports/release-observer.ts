import type { AlarmHistoryItem, MetricAlarm } from '../../common/aws-shapes/cloudwatch.ts';
import type { DeploymentInfo } from '../../common/aws-shapes/codedeploy.ts';
import type { LambdaAliasConfiguration } from '../../common/aws-shapes/lambda.ts';

/**
 * Reads what a drill judges: the alias's routing (Lambda `GetAlias`), the alarms and their
 * history (CloudWatch `DescribeAlarms` / `DescribeAlarmHistory`) and the deployment
 * (CodeDeploy `GetDeployment`). Read-only by design: observing never changes the target.
 */
export interface ReleaseObserver {
  readonly name: string;
  getAlias(functionName: string, alias: string, signal: AbortSignal): Promise<LambdaAliasConfiguration>;
  describeAlarms(alarmNames: readonly string[], signal: AbortSignal): Promise<MetricAlarm[]>;
  /** `StateUpdate` items of one alarm, oldest first. */
  alarmHistory(alarmName: string, signal: AbortSignal): Promise<AlarmHistoryItem[]>;
  getDeployment(deploymentId: string, signal: AbortSignal): Promise<DeploymentInfo>;
}
