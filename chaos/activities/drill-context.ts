import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import type { JournalFile } from '../engine/journal-file.ts';
import type { TimelineMarks } from '../engine/journal.ts';
import type { Drill } from '../model/drill-schema.ts';
import type { NotificationReceiver } from '../notifications/notification-receiver.ts';
import type { OrderTraffic } from '../traffic/order-traffic.ts';

/** Everything a step may use while one drill runs. */
export interface DrillContext {
  drill: Drill;
  journal: JournalFile;
  adapters: DrillAdapters;
  /** For HTTP probes: the same deadlines as every other request to the target. */
  http: ApiClient;
  traffic: OrderTraffic | undefined;
  /** Receives the alarm notifications the drill subscribed to, when it waits on any. */
  notifications?: NotificationReceiver | undefined;
  log: (line: string) => void;
}

/** `$previous`, `$canary` or a number, as the alias and the publish step made them known. */
export function resolveVersion(context: DrillContext, ref: string): string {
  const { versions } = context.journal.journal;
  if (ref === '$previous') {
    if (!versions.previous) throw new Error('$previous is unknown: the alias was not read before the drill');
    return versions.previous;
  }
  if (ref === '$canary') {
    if (!versions.canary) throw new Error('$canary is unknown: no version was published yet');
    return versions.canary;
  }
  return ref;
}

/**
 * Records a timeline moment once: the first observation wins. Nothing but the fault's start
 * is recorded before the fault started, so a steady-state probe never stops the clock early.
 */
export function mark(context: DrillContext, name: keyof TimelineMarks, at: number | string = Date.now()): void {
  const marks = context.journal.journal.marks;
  if (name !== 'faultStartedAt' && !marks.faultStartedAt) return;
  marks[name] ??= typeof at === 'string' ? at : new Date(at).toISOString();
}
