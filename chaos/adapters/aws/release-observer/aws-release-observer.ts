import type { MetricAlarm as SdkMetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { DeploymentInfo as SdkDeploymentInfo } from '@aws-sdk/client-codedeploy';
import type { AliasConfiguration } from '@aws-sdk/client-lambda';
import type { AlarmHistoryItem, AlarmState, MetricAlarm } from '../../../../common/aws-shapes/cloudwatch.ts';
import { ALARM_STATES } from '../../../../common/aws-shapes/cloudwatch.ts';
import type { DeploymentInfo } from '../../../../common/aws-shapes/codedeploy.ts';
import type { LambdaAliasConfiguration } from '../../../../common/aws-shapes/lambda.ts';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { ReleaseObserver } from '../../../ports/release-observer.ts';
import type { CloudWatchApi } from '../sdk/cloudwatch-api.ts';
import type { CodeDeployApi } from '../sdk/codedeploy-api.ts';
import type { LambdaApi } from '../sdk/lambda-api.ts';

const MAX_PAGES = 20;
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

export function toAliasConfiguration(raw: AliasConfiguration, fallbackName: string): LambdaAliasConfiguration {
  return {
    Name: raw.Name ?? fallbackName,
    FunctionVersion: raw.FunctionVersion ?? '$LATEST',
    RoutingConfig: { AdditionalVersionWeights: { ...raw.RoutingConfig?.AdditionalVersionWeights } },
    AliasArn: raw.AliasArn,
    RevisionId: raw.RevisionId,
  };
}

/** `value` when it is one of `allowed`, else `fallback`: AWS enums grow, the shared shapes do not. */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

/** DescribeAlarms' entry in the shared shape. */
export function toMetricAlarm(raw: SdkMetricAlarm): MetricAlarm {
  return {
    AlarmName: raw.AlarmName ?? '',
    AlarmDescription: raw.AlarmDescription,
    Namespace: 'AWS/Lambda',
    // A metric-math alarm (Errors / Invocations × 100) has no MetricName: that is the error-rate alarm.
    MetricName: oneOf(raw.MetricName, ['Errors', 'Invocations', 'Duration', 'ErrorRate'] as const, 'ErrorRate'),
    Statistic: oneOf(raw.Statistic, ['Sum', 'Average', 'Maximum', 'SampleCount'] as const, 'Maximum'),
    Dimensions: raw.Dimensions?.map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
    Period: raw.Period ?? 60,
    EvaluationPeriods: raw.EvaluationPeriods ?? 1,
    DatapointsToAlarm: raw.DatapointsToAlarm,
    Threshold: raw.Threshold ?? 0,
    ComparisonOperator: (raw.ComparisonOperator ?? 'GreaterThanThreshold') as MetricAlarm['ComparisonOperator'],
    TreatMissingData: raw.TreatMissingData as MetricAlarm['TreatMissingData'],
    AlarmActions: raw.AlarmActions,
    OKActions: raw.OKActions,
    StateValue: oneOf<AlarmState>(raw.StateValue, ALARM_STATES, 'INSUFFICIENT_DATA'),
    StateReason: raw.StateReason,
    StateUpdatedTimestamp: iso(raw.StateUpdatedTimestamp) ?? new Date(0).toISOString(),
  };
}

/** GetDeployment's `deploymentInfo` in the shared shape. */
export function toDeploymentInfo(raw: SdkDeploymentInfo): DeploymentInfo {
  return {
    deploymentId: raw.deploymentId ?? '',
    applicationName: raw.applicationName,
    deploymentGroupName: raw.deploymentGroupName,
    deploymentConfigName: raw.deploymentConfigName,
    status: raw.status ?? 'Created',
    createTime: iso(raw.createTime) ?? new Date(0).toISOString(),
    completeTime: iso(raw.completeTime),
    errorInformation: raw.errorInformation
      ? {
          code: raw.errorInformation.code ?? 'UNKNOWN',
          message: raw.errorInformation.message ?? '',
        }
      : undefined,
    rollbackInfo: raw.rollbackInfo ? { ...raw.rollbackInfo } : undefined,
    autoRollbackConfiguration: raw.autoRollbackConfiguration
      ? {
          enabled: raw.autoRollbackConfiguration.enabled ?? false,
          events: raw.autoRollbackConfiguration.events ?? [],
        }
      : undefined,
  };
}

/**
 * The drill's eyes on AWS: Lambda `GetAlias`, CloudWatch `DescribeAlarms` and
 * `DescribeAlarmHistory` (state updates only), CodeDeploy `GetDeployment`. Read-only.
 */
export class AwsReleaseObserver implements ReleaseObserver {
  readonly name = 'aws';
  private readonly apis: {
    lambda: LambdaApi;
    cloudWatch: CloudWatchApi;
    codeDeploy: CodeDeployApi;
  };

  constructor(apis: { lambda: LambdaApi; cloudWatch: CloudWatchApi; codeDeploy: CodeDeployApi }) {
    this.apis = apis;
  }

  async getAlias(functionName: string, alias: string, signal: AbortSignal): Promise<LambdaAliasConfiguration> {
    return toAliasConfiguration(await this.apis.lambda.getAlias(functionName, alias, signal), alias);
  }

  async describeAlarms(alarmNames: readonly string[], signal: AbortSignal): Promise<MetricAlarm[]> {
    const out: MetricAlarm[] = [];
    let NextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.apis.cloudWatch.describeAlarms(
        { AlarmNames: [...alarmNames], AlarmTypes: ['MetricAlarm'], NextToken },
        signal,
      );
      out.push(...(output.MetricAlarms ?? []).map(toMetricAlarm));
      NextToken = output.NextToken;
      if (!NextToken) break;
    }
    return out;
  }

  async alarmHistory(alarmName: string, signal: AbortSignal): Promise<AlarmHistoryItem[]> {
    const out: AlarmHistoryItem[] = [];
    let NextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.apis.cloudWatch.describeAlarmHistory(
        {
          AlarmName: alarmName,
          HistoryItemType: 'StateUpdate',
          ScanBy: 'TimestampAscending',
          MaxRecords: 100,
          NextToken,
        },
        signal,
      );
      for (const item of output.AlarmHistoryItems ?? []) {
        out.push({
          AlarmName: item.AlarmName ?? alarmName,
          Timestamp: iso(item.Timestamp) ?? new Date(0).toISOString(),
          HistoryItemType: oneOf(
            item.HistoryItemType,
            ['StateUpdate', 'ConfigurationUpdate', 'Action'] as const,
            'Action',
          ),
          HistorySummary: item.HistorySummary ?? '',
          HistoryData: item.HistoryData ?? '',
        });
      }
      NextToken = output.NextToken;
      if (!NextToken) break;
    }
    return out.sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
  }

  async getDeployment(deploymentId: string, signal: AbortSignal): Promise<DeploymentInfo> {
    const output = await this.apis.codeDeploy.getDeployment(deploymentId, signal);
    if (!output.deploymentInfo) {
      throw new HarnessError('CODEDEPLOY_NO_DEPLOYMENT', `CodeDeploy returned no deploymentInfo for ${deploymentId}`);
    }
    return toDeploymentInfo(output.deploymentInfo);
  }
}
