import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../common/seeded-random.ts';
import { aliasProblems, pickVersion } from './alias-routing.ts';

const published = new Set(['1', '2', '3']);
const exists = (version: string): boolean => published.has(version);

describe('weighted alias routing', () => {
  test.each([0, 0.1, 0.25, 0.5, 0.9, 1])(
    'sends a share of %s of 1,000 invocations to the additional version, within 3 points',
    (weight) => {
      const random = seededRandom(2026);
      const alias = {
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': weight } },
      };
      let onExtra = 0;
      for (let i = 0; i < 1000; i++) if (pickVersion(alias, random) === '2') onExtra++;
      expect(Math.abs(onExtra / 1000 - weight)).toBeLessThanOrEqual(0.03);
    },
  );

  test('without routing config every invocation runs the FunctionVersion', () => {
    const random = seededRandom(1);
    const seen = new Set(Array.from({ length: 100 }, () => pickVersion({ FunctionVersion: '3' }, random)));
    expect([...seen]).toEqual(['3']);
  });

  test('the seeded generator repeats itself and spreads over [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('alias validation, as UpdateAlias', () => {
  const field = 'RoutingConfig.AdditionalVersionWeights';
  test('accepts a version with one weighted additional version', () => {
    expect(
      aliasProblems({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }, exists),
    ).toEqual({});
  });
  test.each([
    [{ FunctionVersion: '9' }, 'FunctionVersion', /not published/],
    [
      { FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1, '3': 0.1 } } },
      field,
      /at most one/,
    ],
    [{ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 1.5 } } }, field, /between 0.0 and 1.0/],
    [
      { FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': -0.1 } } },
      field,
      /between 0.0 and 1.0/,
    ],
    [{ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '7': 0.1 } } }, field, /not published/],
    [{ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '1': 0.1 } } }, field, /already/],
  ])('refuses %j naming %s', (update, name, why) => {
    expect(aliasProblems(update, exists)[name]).toMatch(why);
  });
});
