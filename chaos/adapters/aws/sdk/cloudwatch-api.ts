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
  describeAlarms(
    input: DescribeAlarmsCommandInput,
    signal?: AbortSignal,
  ): Promise<DescribeAlarmsCommandOutput>;
  describeAlarmHistory(
    input: DescribeAlarmHistoryCommandInput,
    signal?: AbortSignal,
  ): Promise<DescribeAlarmHistoryCommandOutput>;
}

export function cloudWatchApi(
  client: CloudWatchClient,
  options: AwsApiOptions = {},
): CloudWatchApi {
  const { once } = awsSenders(client, options);
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
