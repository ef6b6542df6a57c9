import { describe, expect, test } from 'vitest';
import { MetricStore } from './metric-store.ts';

const sample = (at: number, durationMs: number, error = false, version = '1') => ({
  functionName: 'getMenu',
  version,
  at,
  durationMs,
  error,
});

describe('the metric store', () => {
  test('gives each complete period its statistic, oldest first, and missing for a period without invocations', () => {
    const store = new MetricStore();
    for (const [at, ms, error] of [
      [0, 10, false],
      [500, 30, true],
      [2100, 50, false],
      [3500, 70, false],
    ] as const)
      store.record(sample(at, ms, error));
    // Periods [0,1000) [1000,2000) [2000,3000); the running one (3000-) is left out.
    expect(store.datapoints({ MetricName: 'Duration', Statistic: 'Average' }, 1000, 3, 3200)).toEqual([
      20,
      undefined,
      50,
    ]);
    expect(store.datapoints({ MetricName: 'Duration', Statistic: 'Maximum' }, 1000, 3, 3200)).toEqual([
      30,
      undefined,
      50,
    ]);
    expect(store.datapoints({ MetricName: 'Errors', Statistic: 'Sum' }, 1000, 3, 3200)).toEqual([1, undefined, 0]);
    expect(store.datapoints({ MetricName: 'Invocations', Statistic: 'Sum' }, 1000, 3, 3200)).toEqual([2, undefined, 1]);
    expect(store.datapoints({ MetricName: 'ErrorRate', Statistic: 'Average' }, 1000, 1, 1000)).toEqual([50]);
  });

  test('narrows by FunctionName, ExecutedVersion and Resource', () => {
    const store = new MetricStore();
    store.record(sample(10, 1, true, '1'));
    store.record(sample(20, 1, false, '2'));
    const errors = (Name: string, Value: string) =>
      store.datapoints({ MetricName: 'Errors', Statistic: 'Sum', Dimensions: [{ Name, Value }] }, 1000, 1, 1000)[0];
    expect(errors('FunctionName', 'getMenu')).toBe(1);
    expect(errors('FunctionName', 'createOrder')).toBeUndefined();
    expect(errors('ExecutedVersion', '2')).toBe(0);
    expect(errors('Resource', 'getMenu:1')).toBe(1);
    expect(errors('Resource', 'getMenu:live')).toBe(1);
  });

  test('drops samples older than ten minutes', () => {
    const store = new MetricStore();
    for (let i = 0; i < 2000; i++) store.record(sample(i * 400, 1)); // 800 s of samples
    expect(store.datapoints({ MetricName: 'Invocations', Statistic: 'Sum' }, 1000, 1, 1000)).toEqual([undefined]);
    expect(store.datapoints({ MetricName: 'Invocations', Statistic: 'Sum' }, 1000, 1, 700_000)).toEqual([2]);
  });
});
