import { describe, expect, test } from 'vitest';
import { ONE_LOOK_MS, waitUntil } from './wait-until.ts';

describe('waiting on a condition', () => {
  test('returns the first value the probe gives, even after errors', async () => {
    let calls = 0;
    const value = await waitUntil(
      'the third call',
      () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('not up yet'));
        return Promise.resolve(calls === 3 ? 'ready' : undefined);
      },
      { timeoutMs: 5000, intervalMs: 1, signal: new AbortController().signal },
    );
    expect(value).toBe('ready');
  });

  test('names the condition, the deadline and what it last saw', async () => {
    await expect(
      waitUntil('the alias to come back', () => Promise.resolve(undefined), {
        timeoutMs: 30,
        intervalMs: 5,
        signal: new AbortController().signal,
        failure: 'rollback not observed',
        lastSeen: () => 'weights {"2":0.2}',
      }),
    ).rejects.toThrow(
      'rollback not observed within the deadline of 30 ms (waiting for the alias to come back; last seen: weights {"2":0.2})',
    );
  });

  test('a step without a timeout looks once and says so', async () => {
    await expect(
      waitUntil('OK', () => Promise.resolve(undefined), {
        timeoutMs: ONE_LOOK_MS,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('OK did not happen at the first look (the step has no timeoutMs)');
  });

  test('an abort ends the wait at once with the abort reason', async () => {
    const controller = new AbortController();
    const waiting = waitUntil('never', () => Promise.resolve(undefined), {
      timeoutMs: 60_000,
      intervalMs: 10_000,
      signal: controller.signal,
    });
    controller.abort(new Error('interrupted by SIGINT'));
    await expect(waiting).rejects.toThrow('interrupted by SIGINT');
  });
});
