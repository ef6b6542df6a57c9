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

/** Posts the notification to each loopback endpoint; a failure is logged, never thrown. */
export async function notifyEndpoints(
  endpoints: readonly string[],
  notification: SnsAlarmNotification,
): Promise<void> {
  await Promise.all(
    endpoints.map(async (endpoint) => {
      if (!isLoopbackUrl(endpoint)) {
        console.error(
          `platform: alarm action ${endpoint} refused: only loopback endpoints are notified`,
        );
        return;
      }
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
        if (!response.ok)
          console.error(`platform: alarm action ${endpoint} answered ${response.status}`);
      } catch (error) {
        console.error(
          `platform: alarm action ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
}
