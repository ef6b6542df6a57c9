/**
 * Subscribes an HTTP endpoint to an alarm's notifications, so a drill proves that alerting
 * works instead of assuming it. On AWS: an SNS HTTP(S) subscription to the alarm's topic;
 * locally: the endpoint added to the alarm's `AlarmActions` and `OKActions`.
 */
export interface AlarmSubscriber {
  readonly name: string;
  /** Returns the unsubscribe, which puts the alarm's actions back as they were. */
  subscribe(alarmName: string, endpointUrl: string, signal: AbortSignal): Promise<() => Promise<void>>;
}
