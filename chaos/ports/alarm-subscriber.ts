import type { ReceivedNotification } from '../notifications/notification-receiver.ts';

/** What the provider's own record says about delivering one alarm notification. */
export type DeliveryRecord =
  { delivered: true; notification: ReceivedNotification } | { delivered: false; message: string };

/**
 * Subscribes an HTTP endpoint to an alarm's notifications, so a drill proves that alerting
 * works instead of assuming it. Locally: the endpoint added to the alarm's `AlarmActions` and
 * `OKActions`, and the receiver behind it is the proof. On AWS a loopback receiver cannot
 * subscribe to SNS, so `subscribe` only checks the alarm has actions to run, and the proof is
 * what CloudWatch records of running them (`lookUpDelivery`).
 */
export interface AlarmSubscriber {
  readonly name: string;
  /** Returns the unsubscribe, which puts the alarm's actions back as they were. */
  subscribe(alarmName: string, endpointUrl: string, signal: AbortSignal): Promise<() => Promise<void>>;
  /**
   * When set, delivery is read from the provider's record instead of the receiver: one look
   * for a notification of `alarmName` entering `state` at or after `since` (ISO 8601);
   * undefined while nothing is recorded yet.
   */
  lookUpDelivery?(
    alarmName: string,
    state: string,
    since: string,
    signal: AbortSignal,
  ): Promise<DeliveryRecord | undefined>;
}
