import { describe, expect, test } from 'vitest';
import { parseIsoDuration } from './iso-duration.ts';

describe('ISO-8601 durations', () => {
  test.each([
    ['PT30S', 30_000],
    ['PT2M', 120_000],
    ['PT1M30S', 90_000],
    ['PT1H', 3_600_000],
    ['PT0.5S', 500],
    ['P1D', 86_400_000],
    ['P1DT1S', 86_401_000],
    ['PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toEqual({ ms });
  });

  test.each(['', 'P', 'PT', '30S', 'PT-1S', 'PT1.5M', 'pt30s', 'PT30', 'PT1S2M', '2 minutes', 'P1DT'])(
    '%j is refused with a message that shows the expected form',
    (text) => {
      expect(parseIsoDuration(text)).toEqual({
        error: expect.stringMatching(/ISO-8601 duration such as PT30S/) as unknown,
      });
    },
  );
});
