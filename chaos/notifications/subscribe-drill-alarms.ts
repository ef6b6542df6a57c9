import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import type { Drill } from '../model/drill-schema.ts';
import { startNotificationReceiver, type NotificationReceiver } from './notification-receiver.ts';

export interface DrillSubscriptions extends AsyncDisposable {
  receiver: NotificationReceiver;
  alarms: string[];
}

/**
 * For a drill that waits on alarm notifications: a receiver of its own, subscribed to each
 * alarm it names. Disposing unsubscribes (the alarms' actions go back as they were) and closes
 * the receiver; undefined when the drill waits on no notification.
 */
export async function subscribeDrillAlarms(
  drill: Drill,
  adapters: DrillAdapters,
  signal: AbortSignal,
): Promise<DrillSubscriptions | undefined> {
  const steps = [...drill.steadyStateHypothesis.probes, ...drill.method];
  const alarms = [...new Set(steps.flatMap((s) => (s.run === 'alarm-notification' ? [s.alarm] : [])))];
  if (alarms.length === 0) return undefined;
  const receiver = await startNotificationReceiver();
  const unsubscribes: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    await Promise.allSettled(unsubscribes.map((undo) => undo()));
    await receiver.close();
  };
  try {
    for (const alarm of alarms) unsubscribes.push(await adapters.alarms.subscribe(alarm, receiver.url, signal));
  } catch (error) {
    await dispose();
    throw error;
  }
  return { receiver, alarms, [Symbol.asyncDispose]: dispose };
}
