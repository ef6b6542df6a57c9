import { describe, expect, test } from 'vitest';
import type { FunctionInstance } from './function-instance.ts';
import { InstancePool } from './instance-pool.ts';

function fakeInstance(initDurationMs: number | undefined, closed: string[], key: string): FunctionInstance {
  return {
    initDurationMs,
    invoke: () => Promise.resolve({ ok: true, result: { statusCode: 200 } }),
    close: () => {
      closed.push(key);
      return Promise.resolve();
    },
  };
}

function setUp(failFirst = false) {
  const starts: string[] = [];
  const closed: string[] = [];
  const inits: [string, string, number][] = [];
  const pool = new InstancePool(
    (name, version) => {
      const key = `${name}:${version}`;
      starts.push(key);
      if (failFirst && starts.length === 1) return Promise.reject(new Error('init failed'));
      return Promise.resolve(fakeInstance(version === '1' ? undefined : 12.5, closed, key));
    },
    (name, version, ms) => inits.push([name, version, ms]),
  );
  return { pool, starts, closed, inits };
}

describe('the instance pool', () => {
  test('starts one instance per version on first use, concurrent callers share it, and records its init', async () => {
    const { pool, starts, inits } = setUp();
    const [a, b] = await Promise.all([pool.get('createOrder', '2'), pool.get('createOrder', '2')]);
    expect(a).toBe(b);
    await pool.get('createOrder', '1');
    expect(starts).toEqual(['createOrder:2', 'createOrder:1']);
    expect(inits).toEqual([['createOrder', '2', 12.5]]);
  });

  test('a failed init is retried by the next invocation', async () => {
    const { pool, starts } = setUp(true);
    await expect(pool.get('createOrder', '2')).rejects.toThrow('init failed');
    await expect(pool.get('createOrder', '2')).resolves.toBeDefined();
    expect(starts).toEqual(['createOrder:2', 'createOrder:2']);
  });

  test('a discarded instance is closed and replaced; closeAll closes the rest and refuses new work', async () => {
    const { pool, starts, closed } = setUp();
    const first = await pool.get('createOrder', '2');
    pool.discard('createOrder', '2');
    const second = await pool.get('createOrder', '2');
    expect(second).not.toBe(first);
    expect(starts).toEqual(['createOrder:2', 'createOrder:2']);
    await pool.closeAll();
    expect(closed).toEqual(['createOrder:2', 'createOrder:2']);
    await expect(pool.get('createOrder', '2')).rejects.toThrow(/stopping/);
  });
});
