import type { MetricAlarmDefinition } from '../../common/aws-shapes/cloudwatch.ts';

/**
 * The seeds' two alarms (serverless.yml's ErrorRateAlarm and DurationAlarm), scaled for a
 * local platform that sees a few requests a second instead of production traffic:
 * Period 60 s stays 60 (one local period, HASIVU_METRIC_PERIOD_MS, 1 s by default);
 * the error alarm fires on any Errors in one of the last 2 periods (production: more than
 * 10 a minute over 2 minutes), and the duration alarm on an Average above 200 ms in 2 of
 * 2 periods (production: 10 s), low enough that a canary with 3 s of added latency on 10 %
 * of the traffic crosses it, high enough that a busy machine does not.
 */
export function seedAlarms(actions: readonly string[]): MetricAlarmDefinition[] {
  return [
    {
      AlarmName: 'hasivu-local-error-rate',
      AlarmDescription: 'Trigger rollback on high error rate',
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [...actions],
      OKActions: [...actions],
    },
    {
      AlarmName: 'hasivu-local-duration',
      AlarmDescription: 'Trigger rollback on high latency',
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 200,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [...actions],
      OKActions: [...actions],
    },
  ];
}
