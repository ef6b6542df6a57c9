import { randomUUID } from 'node:crypto';
import type { MetricAlarm, SnsAlarmNotification } from '../../common/aws-shapes/cloudwatch.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../local-aws-account.ts';
import { isLoopbackUrl } from './loopback-url.ts';

/** A receiver that does not answer within this is given up on; the alarm goes on regardless. */
const NOTIFY_TIMEOUT_MS = 2000;
const LOCAL_TOPIC_ARN = `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:hasivu-local-alerts`;

/** The SNS message CloudWatch publishes on a state change; `Message` is the alarm as JSON text. */
export function snsNotification(alarm: MetricAlarm, oldState: string): SnsAlarmNotification {
  return {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: LOCAL_TOPIC_ARN,
    Subject: `${alarm.StateValue}: "${alarm.AlarmName}" in Local`.slice(0, 100),
    Message: JSON.stringify({
      AlarmName: alarm.AlarmName,
      AlarmDescription: alarm.AlarmDescription ?? null,
      NewStateValue: alarm.StateValue,
      NewStateReason: alarm.StateReason ?? '',
      StateChangeTime: alarm.StateUpdatedTimestamp,
      OldStateValue: oldState,
      Trigger: {
        MetricName: alarm.MetricName,
        Namespace: alarm.Namespace,
        Statistic: alarm.Statistic,
        Dimensions: alarm.Dimensions ?? [],
        Period: alarm.Period,
        EvaluationPeriods: alarm.EvaluationPeriods,
        DatapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
        ComparisonOperator: alarm.ComparisonOperator,
        Threshold: alarm.Threshold,
        TreatMissingData: alarm.TreatMissingData ?? 'missing',
      },
    }),
    Timestamp: new Date().toISOString(),
  };
}

/** What became of one alarm action: CloudWatch records it as an `Action` history item. */
export interface ActionOutcome {
  endpoint: string;
  ok: boolean;
  error?: string;
}

/** Posts the notification to each loopback endpoint; a failure is logged and reported, never thrown. */
export async function notifyEndpoints(
  endpoints: readonly string[],
  notification: SnsAlarmNotification,
): Promise<ActionOutcome[]> {
  return Promise.all(
    endpoints.map(async (endpoint): Promise<ActionOutcome> => {
      const failed = (error: string): ActionOutcome => {
        console.error(`platform: alarm action ${endpoint} ${error}`);
        return { endpoint, ok: false, error };
      };
      if (!isLoopbackUrl(endpoint)) return failed('refused: only loopback endpoints are notified');
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain; charset=UTF-8',
            'x-amz-sns-message-type': 'Notification',
          },
          body: JSON.stringify(notification),
          signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
        });
        await response.body?.cancel();
        return response.ok ? { endpoint, ok: true } : failed(`answered ${response.status}`);
      } catch (error) {
        return failed(`failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
