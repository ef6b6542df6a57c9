import { describe, expect, test } from 'vitest';
import type { OrderWrite } from './order-write.ts';
import { serviceDuringFault, verifyTraffic } from './verify-traffic.ts';

const write = (index: number, version: string, ok = true): OrderWrite => ({
  key: `k${index}`,
  sentAt: 1000 + index * 10,
  endedAt: 1005 + index * 10,
  outcome: ok ? 'acknowledged' : 'failed',
  executedVersion: version,
});

describe('what the traffic proves', () => {
  test('orders on the rolled-back version after the alias read back clean are counted; the sample gives the detectable leak', () => {
    // 0-99 before the rollback (some on the canary), 100-411 after it, 7 of them on the canary.
    const writes = Array.from({ length: 412 }, (_, i) =>
      write(i, (i < 100 && i % 5 === 0) || [150, 200, 250, 300, 350, 400, 410].includes(i) ? '2' : '1'),
    );
    const { leak } = verifyTraffic(writes, {
      rollbackAt: 1000 + 100 * 10,
      rolledBackVersion: '2',
      windowRequests: 299,
      confidence: 0.95,
      errorRateMax: 0.01,
    });
    expect(leak).toMatchObject({ requests: 312, onRolledBack: 7, rolledBackVersion: '2' });
    expect(leak?.detectableLeakRate).toBeLessThan(0.01);
  });

  test('a window that fails more often than the steady state (or the SLA error rate, if higher) is worse; within it, it is not', () => {
    const steady = Array.from({ length: 100 }, (_, i) => write(i, '1'));
    const window = Array.from({ length: 300 }, (_, i) => write(200 + i, '1', i % 10 !== 0));
    const worse = verifyTraffic([...steady, ...window], {
      faultStartedAt: 1000 + 100 * 10,
      windowStart: 1000 + 200 * 10,
      windowRequests: 299,
      confidence: 0.95,
      errorRateMax: 0.01,
    });
    expect(worse.window).toMatchObject({ requests: 299, failures: 30, allowed: 0.01, worse: true, short: false });
    expect(worse.window?.steadyState).toMatchObject({ requests: 100, failures: 0 });
    const fine = verifyTraffic(
      [
        ...steady,
        ...window.map((w, i) => ({ ...w, outcome: i === 5 ? ('failed' as const) : ('acknowledged' as const) })),
      ],
      {
        faultStartedAt: 2000,
        windowStart: 3000,
        windowRequests: 299,
        confidence: 0.95,
        errorRateMax: 0.01,
      },
    );
    expect(fine.window).toMatchObject({ failures: 1, worse: false });
  });

  test('service during a fault counts the answered orders sent between its start and the service coming back', () => {
    const writes = [write(0, '1'), write(10, '1', false), write(11, '1'), write(30, '1')];
    expect(serviceDuringFault(writes, 1100, 1200)).toMatchObject({ requests: 2, acknowledged: 1 });
  });
});
