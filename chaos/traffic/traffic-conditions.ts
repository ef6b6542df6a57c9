import { isFault, type OrderWrite } from './order-write.ts';

export function acknowledgedCount(writes: readonly OrderWrite[]): number {
  return writes.filter((w) => w.outcome === 'acknowledged').length;
}

export interface RecoveryStreakOptions {
  /** Every write of the streak must have run on this version. */
  version: string;
  /** How many good writes in a row prove recovery. */
  count: number;
  /** Only writes sent at or after this epoch ms count (the alias restore, say). */
  since: number;
  slowMs: number;
}

/**
 * The epoch ms at which `count` writes in a row (in send order) were acknowledged in time on
 * `version`: the answer time of the first of them, the moment the platform was seen healthy
 * again. Undefined while no such streak exists; a write still in flight ends the search, since
 * nobody can say yet whether it breaks the streak.
 */
export function recoveryStreakStart(writes: readonly OrderWrite[], options: RecoveryStreakOptions): number | undefined {
  let streak: OrderWrite[] = [];
  for (const write of writes) {
    if (write.sentAt < options.since) continue;
    if (write.outcome === undefined) return undefined;
    const good = !isFault(write, options.slowMs) && write.executedVersion === options.version;
    streak = good ? [...streak, write] : [];
    if (streak.length >= options.count) return Math.min(...streak.map((w) => w.endedAt ?? Infinity));
  }
  return undefined;
}

/** The first write answered at or after `since` (epoch ms) that failed, got no answer or was slow. */
export function firstFaultSince(writes: readonly OrderWrite[], since: number, slowMs: number): OrderWrite | undefined {
  let first: OrderWrite | undefined;
  for (const write of writes) {
    if (write.endedAt === undefined || write.endedAt < since || !isFault(write, slowMs)) continue;
    if (!first || write.endedAt < (first.endedAt ?? Infinity)) first = write;
  }
  return first;
}
