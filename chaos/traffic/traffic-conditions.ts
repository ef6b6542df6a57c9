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

/** Where a recovery streak was found: when it was seen (answer time) and when its first write was sent. */
export interface RecoveryStreak {
  at: number;
  firstSentAt: number;
}

/**
 * `count` writes in a row (in send order) acknowledged in time on `version`: the answer time of
 * the first of them (the moment the platform was seen healthy again) and its send time (where
 * the verification window starts). Undefined while no such streak exists; a write still in
 * flight ends the search, since nobody can say yet whether it breaks the streak.
 */
export function recoveryStreak(
  writes: readonly OrderWrite[],
  options: RecoveryStreakOptions,
): RecoveryStreak | undefined {
  let streak: OrderWrite[] = [];
  for (const write of writes) {
    if (write.sentAt < options.since) continue;
    if (write.outcome === undefined) return undefined;
    const good = !isFault(write, options.slowMs) && write.executedVersion === options.version;
    streak = good ? [...streak, write] : [];
    if (streak.length >= options.count) {
      return {
        at: Math.min(...streak.map((w) => w.endedAt ?? Infinity)),
        firstSentAt: (streak[0] as OrderWrite).sentAt,
      };
    }
  }
  return undefined;
}

/** The answer time of the first write of a recovery streak (see recoveryStreak). */
export function recoveryStreakStart(writes: readonly OrderWrite[], options: RecoveryStreakOptions): number | undefined {
  return recoveryStreak(writes, options)?.at;
}

/** Answered writes sent at or after `since` (epoch ms). */
export function answeredSince(writes: readonly OrderWrite[], since: number): number {
  return writes.filter((w) => w.sentAt >= since && w.outcome !== undefined).length;
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
