/** Amazon CloudWatch alarms, in the field names of `PutMetricAlarm`, `DescribeAlarms` and `DescribeAlarmHistory`. */

export const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export type ComparisonOperator =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** `PutMetricAlarm`'s input, the subset the platform evaluates. Namespace `AWS/Lambda`. */
export interface MetricAlarmDefinition {
  AlarmName: string;
  AlarmDescription?: string;
  Namespace: 'AWS/Lambda';
  /** `Errors`, `Invocations`, `Duration`; `ErrorRate` is Errors/Invocations in percent. */
  MetricName: 'Errors' | 'Invocations' | 'Duration' | 'ErrorRate';
  Statistic: 'Sum' | 'Average' | 'Maximum' | 'SampleCount';
  /** `FunctionName`, optionally `Resource` = `name:alias` or `ExecutedVersion`. No dimension = every function. */
  Dimensions?: { Name: string; Value: string }[];
  /** Seconds on AWS (multiples of 60); the local platform scales them (docs/chaos.md). */
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: ComparisonOperator;
  TreatMissingData?: TreatMissingData;
  /** SNS topic ARNs on AWS; locally HTTP endpoints that receive an SNS-shaped notification. */
  AlarmActions?: string[];
  OKActions?: string[];
}

/** `DescribeAlarms`' `MetricAlarms` entries. */
export interface MetricAlarm extends MetricAlarmDefinition {
  StateValue: AlarmState;
  StateReason?: string;
  StateUpdatedTimestamp: string;
}

/** `DescribeAlarmHistory`'s items; `HistoryData` is a JSON string with `oldState` and `newState`. */
export interface AlarmHistoryItem {
  AlarmName: string;
  Timestamp: string;
  HistoryItemType: 'StateUpdate' | 'ConfigurationUpdate' | 'Action';
  HistorySummary: string;
  HistoryData: string;
}

/** What `HistoryData` holds for a `StateUpdate`. */
export interface AlarmStateUpdateData {
  version: string;
  oldState: { stateValue: AlarmState; stateReason?: string };
  newState: { stateValue: AlarmState; stateReason?: string };
}

/** The SNS message an alarm action sends (its `Message` is the CloudWatch alarm JSON as a string). */
export interface SnsAlarmNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Subject: string;
  Message: string;
  Timestamp: string;
}
