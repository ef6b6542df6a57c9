import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type CloudWatchClient,
  type DescribeAlarmHistoryCommandInput,
  type DescribeAlarmHistoryCommandOutput,
  type DescribeAlarmsCommandInput,
  type DescribeAlarmsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { awsSenders, type AwsApiOptions } from './aws-call.ts';

/** The CloudWatch operations the harness uses: the project's own seam in front of the SDK client. */
export interface CloudWatchApi {
  describeAlarms(input: DescribeAlarmsCommandInput, signal?: AbortSignal): Promise<DescribeAlarmsCommandOutput>;
  describeAlarmHistory(
    input: DescribeAlarmHistoryCommandInput,
    signal?: AbortSignal,
  ): Promise<DescribeAlarmHistoryCommandOutput>;
}

/** Every IAM action the CloudWatch API calls: each call is checked against it, and the harness policy grants it. */
export const CLOUDWATCH_ACTIONS = ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'] as const;
type CloudWatchAction = (typeof CLOUDWATCH_ACTIONS)[number];

export function cloudWatchApi(client: CloudWatchClient, options: AwsApiOptions = {}): CloudWatchApi {
  const { once } = awsSenders<CloudWatchAction>(client, options);
  return {
    describeAlarms: (input, signal) =>
      once(
        'cloudwatch:DescribeAlarms',
        `alarms ${(input.AlarmNames ?? []).join(', ') || '(all)'}`,
        new DescribeAlarmsCommand(input),
        signal,
      ),
    describeAlarmHistory: (input, signal) =>
      once(
        'cloudwatch:DescribeAlarmHistory',
        `alarm ${input.AlarmName ?? '(all)'}`,
        new DescribeAlarmHistoryCommand(input),
        signal,
      ),
  };
}
