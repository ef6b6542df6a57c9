import type { MetricAlarmDefinition } from '../../common/aws-shapes/cloudwatch.ts';

/**
 * The seeds' two alarms (serverless.yml's ErrorRateAlarm and DurationAlarm), scaled for a
 * local platform that sees tens of requests a second instead of production traffic.
 * Period 60 s stays 60 (one local period, HASIVU_METRIC_PERIOD_MS, 1 s by default).
 * The error alarm fires on any Errors in one of the last 2 periods (production: more than
 * 10 a minute in 2 of 2). The duration alarm fires on an Average above 200 ms (production:
 * 10 s) in 2 of the last 3 periods: the drills' latency canary (2.5 s added to a 20 % canary)
 * lifts the Average to about 500 ms within seconds, while a healthy canary on a 2-core machine
 * busy with other test runs reached 100 ms (the health SLA, the threshold before) and was
 * stopped for a latency it did not add.
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
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 200,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [...actions],
      OKActions: [...actions],
    },
  ];
}
