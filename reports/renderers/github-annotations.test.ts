import { expect, test } from 'vitest';
import type { Scorecard, ScoredCheck } from '../scorecard/scorecard.ts';
import { githubAnnotations, MAX_ANNOTATIONS } from './github-annotations.ts';

function failed(index: number): ScoredCheck {
  return {
    id: `smoke.check${index}`,
    title: `check ${index}`,
    category: 'smoke',
    severity: 'major',
    status: 'fail',
    message: `50% off, line\nbreak`,
    durationMs: 1,
    kind: 'smoke',
    source: 'r',
  };
}

test('at most 20 escaped ::error annotations plus a count of the rest', () => {
  const checks = Array.from({ length: 25 }, (_, i) => failed(i));
  const card = { checks } as unknown as Scorecard;
  const lines = githubAnnotations(card);
  expect(lines).toHaveLength(MAX_ANNOTATIONS + 1);
  expect(lines[0]).toBe('::error title=smoke.check0::50%25 off, line%0Abreak');
  expect(lines.at(-1)).toBe('::error title=more failed checks::5 more failed checks are in the scorecard');
});
