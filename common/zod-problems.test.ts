import { z } from 'zod';
import { expect, test } from 'vitest';
import { zodProblems } from './zod-problems.ts';

test('schema problems read as one line each: where, what was expected, what came', () => {
  const Schema = z
    .object({
      items: z.array(z.object({ priceMinor: z.number().int(), kind: z.enum(['a', 'b']) })),
      id: z.uuid(),
      name: z.string(),
    })
    .strict();
  const input = {
    items: [
      { priceMinor: '4500', kind: 'c' },
      { priceMinor: 1.5, kind: 'a' },
    ],
    id: 'nope',
    surplus: 1,
  };
  const parsed = Schema.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(zodProblems(parsed.error!, input, 'body')).toEqual([
    'body.items[0].priceMinor: expected a number, got "4500"',
    'body.items[0].kind: expected "a" or "b", got "c"',
    'body.items[1].priceMinor: expected an integer, got 1.5',
    'body.id: expected a valid uuid, got "nope"',
    'body.name: missing; expected a string',
    'body: unexpected field "surplus"',
  ]);
});
