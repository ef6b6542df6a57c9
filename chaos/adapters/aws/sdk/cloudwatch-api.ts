import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type CloudWatchClient,
  type DescribeAlarmHistoryCommandInput,
  type DescribeAlarmHistoryCommandOutput,
  type DescribeAlarmsCommandInput,
  type DescribeAlarmsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

/** The CloudWatch operations the harness uses: the project's own seam in front of the SDK client. */
export interface CloudWatchApi {
  describeAlarms(input: DescribeAlarmsCommandInput, signal?: AbortSignal): Promise<DescribeAlarmsCommandOutput>;
  describeAlarmHistory(input: DescribeAlarmHistoryCommandInput, signal?: AbortSignal): Promise<DescribeAlarmHistoryCommandOutput>;
}

export function cloudWatchApi(client: CloudWatchClient, options: AwsApiOptions = {}): CloudWatchApi {
  const { retry } = options;
  return {
    describeAlarms: (input, signal) =>
      callAws(
        'cloudwatch:DescribeAlarms',
        `alarms ${(input.AlarmNames ?? []).join(', ') || '(all)'}`,
        () => client.send(new DescribeAlarmsCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    describeAlarmHistory: (input, signal) =>
      callAws(
        'cloudwatch:DescribeAlarmHistory',
        `alarm ${input.AlarmName ?? '(all)'}`,
        () => client.send(new DescribeAlarmHistoryCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
  };
}
