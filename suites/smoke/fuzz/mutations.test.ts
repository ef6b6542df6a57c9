import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mutationsOf, pathsOf } from './mutations.ts';

const order = { studentId: 's1', items: [{ menuItemId: 'm1', quantity: 1 }] };

describe('mutations of a valid request', () => {
  test('reach every field, list entries included', () => {
    expect(pathsOf(order)).toEqual([
      ['studentId'],
      ['items'],
      ['items', 0],
      ['items', 0, 'menuItemId'],
      ['items', 0, 'quantity'],
    ]);
  });

  test('each variant changes the value and leaves the original alone', () => {
    const variants = fc.sample(mutationsOf(order), { seed: 1, numRuns: 200 });
    expect(variants.filter((variant) => JSON.stringify(variant) === JSON.stringify(order))).toEqual([]);
    expect(order).toEqual({ studentId: 's1', items: [{ menuItemId: 'm1', quantity: 1 }] });
  });

  test('the classic case is among them: a list entry that is null', () => {
    const variants = fc.sample(mutationsOf(order), { seed: 1, numRuns: 300 });
    expect(variants.some((variant) => JSON.stringify(variant.items) === '[null]')).toBe(true);
  });

  test('the same seed gives the same variants', () => {
    expect(fc.sample(mutationsOf(order), { seed: 9, numRuns: 20 })).toEqual(
      fc.sample(mutationsOf(order), { seed: 9, numRuns: 20 }),
    );
  });
});
