import type { AlarmHistoryItem as SdkHistoryItem, MetricAlarm as SdkMetricAlarm } from '@aws-sdk/client-cloudwatch';
import { z } from 'zod';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { AlarmSubscriber, DeliveryRecord } from '../../../ports/alarm-subscriber.ts';
import type { AwsNames } from '../sdk/aws-names.ts';
import type { CloudWatchApi } from '../sdk/cloudwatch-api.ts';

/**
 * `HistoryData` of an `Action` item, as CloudWatch writes it when it runs an alarm action
 * (DescribeAlarmHistory, HistoryItemType=Action: docs.aws.amazon.com/AmazonCloudWatch/latest/
 * APIReference/API_AlarmHistoryItem.html; the summaries "Successfully executed action <arn>" and
 * "Failed to execute action <arn>. Received error: ..." are quoted in the AWS knowledge-center
 * article "cloudwatch-receive-sns-for-alarm-trigger"). Only the fields used here are required
 * to be present; `publishedMessage` is the SNS message (the alarm's JSON) when there was one.
 */
const ActionDataSchema = z.object({
  actionState: z.string().optional(),
  notificationResource: z.string().optional(),
  stateUpdateTimestamp: z.number().optional(),
  publishedMessage: z.string().optional(),
  error: z.string().optional(),
});
type ActionData = z.infer<typeof ActionDataSchema>;

const SUCCESS = /^Successfully executed action (\S+)/;
const FAILURE = /^Failed to execute action (\S+?)\.?(?:\s|$)/;

function actionData(item: SdkHistoryItem): ActionData {
  try {
    const parsed = ActionDataSchema.safeParse(JSON.parse(item.HistoryData ?? ''));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The state the SNS message announced, when CloudWatch kept the message it published. */
function announcedState(data: ActionData): string | undefined {
  try {
    const message: unknown = JSON.parse(data.publishedMessage ?? '');
    const state = (message as { NewStateValue?: unknown } | null)?.NewStateValue;
    return typeof state === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

function actionsFor(alarm: SdkMetricAlarm, state: string): string[] {
  if (state === 'ALARM') return alarm.AlarmActions ?? [];
  if (state === 'OK') return alarm.OKActions ?? [];
  return alarm.InsufficientDataActions ?? [];
}

/** The first record of running one of `actions` for `state`, success or failure. */
export function deliveryFromHistory(
  items: readonly SdkHistoryItem[],
  alarmName: string,
  state: string,
  actions: readonly string[],
): DeliveryRecord | undefined {
  for (const item of items) {
    if (item.HistoryItemType !== 'Action') continue;
    const summary = item.HistorySummary ?? '';
    const data = actionData(item);
    const success = SUCCESS.exec(summary);
    const failure = FAILURE.exec(summary);
    const resource = data.notificationResource ?? success?.[1] ?? failure?.[1];
    if (!resource || !actions.includes(resource)) continue;
    const announced = announcedState(data);
    if (announced !== undefined && announced !== state) continue;
    const at = item.Timestamp?.toISOString() ?? new Date().toISOString();
    if (failure || data.actionState === 'Failed') {
      return {
        delivered: false,
        message: `CloudWatch could not notify ${resource} of ${alarmName} ${state} at ${at}: ${summary}`,
      };
    }
    if (success || data.actionState === 'Succeeded') {
      return { delivered: true, notification: { alarmName, newState: state, receivedAt: at, subject: summary } };
    }
  }
  return undefined;
}

export interface AwsAlarmSubscriberOptions {
  cloudWatch: CloudWatchApi;
  names: AwsNames;
}

/**
 * Alert delivery on AWS, proven without an SNS subscription: the drill's loopback receiver
 * cannot subscribe to a topic, but CloudWatch records in the alarm history each alarm action
 * it runs. "The notification arrived" becomes "CloudWatch reports that it executed the alarm's
 * SNS action for this transition", read with DescribeAlarmHistory (HistoryItemType=Action,
 * StartDate = the drill's start). Nothing is added to or removed from the alarm.
 */
export class AwsAlarmSubscriber implements AlarmSubscriber {
  readonly name = 'aws';
  readonly #options: AwsAlarmSubscriberOptions;
  readonly #alarms = new Map<string, SdkMetricAlarm>();

  constructor(options: AwsAlarmSubscriberOptions) {
    this.#options = options;
  }

  async #alarm(drillAlarm: string, signal: AbortSignal): Promise<SdkMetricAlarm> {
    const name = this.#options.names.alarmName(drillAlarm);
    const known = this.#alarms.get(name);
    if (known) return known;
    const { MetricAlarms } = await this.#options.cloudWatch.describeAlarms({ AlarmNames: [name] }, signal);
    const alarm = MetricAlarms?.find((a) => a.AlarmName === name);
    if (!alarm) {
      throw new HarnessError(
        'AWS_PREFLIGHT',
        `the drill waits for a notification of "${name}", but CloudWatch has no such alarm; create it or fix aws.errorRateAlarm / aws.alarmNames in the profile. Nothing was injected.`,
      );
    }
    this.#alarms.set(name, alarm);
    return alarm;
  }

  async subscribe(drillAlarm: string, _endpointUrl: string, signal: AbortSignal): Promise<() => Promise<void>> {
    const alarm = await this.#alarm(drillAlarm, signal);
    const name = alarm.AlarmName ?? drillAlarm;
    if ((alarm.AlarmActions ?? []).length === 0) {
      throw new HarnessError(
        'AWS_PREFLIGHT',
        `the drill waits for a notification of "${name}", but the alarm has no AlarmActions, so nobody would be told; add the team's SNS topic (aws cloudwatch put-metric-alarm ... --alarm-actions <topic-arn>). Nothing was injected.`,
      );
    }
    if (alarm.ActionsEnabled === false) {
      throw new HarnessError(
        'AWS_PREFLIGHT',
        `the drill waits for a notification of "${name}", but its actions are disabled; run aws cloudwatch enable-alarm-actions --alarm-names ${name}. Nothing was injected.`,
      );
    }
    // Nothing was changed on the alarm, so there is nothing to put back.
    return () => Promise.resolve();
  }

  async lookUpDelivery(
    drillAlarm: string,
    state: string,
    since: string,
    signal: AbortSignal,
  ): Promise<DeliveryRecord | undefined> {
    const alarm = await this.#alarm(drillAlarm, signal);
    const name = alarm.AlarmName ?? drillAlarm;
    const { AlarmHistoryItems } = await this.#options.cloudWatch.describeAlarmHistory(
      {
        AlarmName: name,
        HistoryItemType: 'Action',
        StartDate: new Date(since),
        ScanBy: 'TimestampAscending',
        MaxRecords: 100,
      },
      signal,
    );
    return deliveryFromHistory(AlarmHistoryItems ?? [], name, state, actionsFor(alarm, state));
  }
}
