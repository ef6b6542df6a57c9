import { describe, expect, test } from 'vitest';
import { recoveryStreakStart } from './traffic-conditions.ts';
import type { OrderWrite } from './order-write.ts';

const w = (sentAt: number, outcome: OrderWrite['outcome'], version = '1', latencyMs = 10): OrderWrite => ({
  key: `k${sentAt}`,
  sentAt,
  ...(outcome ? { outcome, endedAt: sentAt + latencyMs, latencyMs, executedVersion: version } : {}),
});

const OPTIONS = { version: '1', count: 3, since: 100, slowMs: 500 };

describe('the recovery streak', () => {
  test('starts at the answer of the first of N good writes on the version, sent after `since`', () => {
    const writes = [
      w(90, 'acknowledged'),
      w(110, 'failed'),
      w(120, 'acknowledged'),
      w(130, 'acknowledged'),
      w(140, 'acknowledged'),
    ];
    expect(recoveryStreakStart(writes, OPTIONS)).toBe(130);
  });

  test('a write on another version, a slow one or one still in flight breaks or delays the streak', () => {
    expect(
      recoveryStreakStart(
        [w(110, 'acknowledged'), w(120, 'acknowledged', '2'), w(130, 'acknowledged'), w(140, 'acknowledged')],
        OPTIONS,
      ),
    ).toBeUndefined();
    expect(
      recoveryStreakStart([w(110, 'acknowledged'), w(120, 'acknowledged', '1', 900), w(130, 'acknowledged')], OPTIONS),
    ).toBeUndefined();
    expect(
      recoveryStreakStart(
        [w(110, 'acknowledged'), w(120, undefined), w(130, 'acknowledged'), w(140, 'acknowledged')],
        OPTIONS,
      ),
    ).toBeUndefined();
  });
});
