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
    rollbackAlarm(actions, {
      AlarmName: 'hasivu-local-error-rate',
      AlarmDescription: 'Trigger rollback on high error rate',
      MetricName: 'Errors',
      Statistic: 'Sum',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 1,
      Threshold: 0,
    }),
    rollbackAlarm(actions, {
      AlarmName: 'hasivu-local-duration',
      AlarmDescription: 'Trigger rollback on high latency',
      MetricName: 'Duration',
      Statistic: 'Average',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 200,
    }),
  ];
}

type AlarmSpecifics = Required<
  Pick<
    MetricAlarmDefinition,
    | 'AlarmName'
    | 'AlarmDescription'
    | 'MetricName'
    | 'Statistic'
    | 'EvaluationPeriods'
    | 'DatapointsToAlarm'
    | 'Threshold'
  >
>;

/** What both alarms share: a Lambda metric per 60 s period above a threshold, alarm and recovery both notify. */
function rollbackAlarm(actions: readonly string[], alarm: AlarmSpecifics): MetricAlarmDefinition {
  return {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription,
    Namespace: 'AWS/Lambda',
    MetricName: alarm.MetricName,
    Statistic: alarm.Statistic,
    Period: 60,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    Threshold: alarm.Threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [...actions],
    OKActions: [...actions],
  };
}
