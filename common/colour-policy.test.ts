import { expect, test } from 'vitest';
import { applyColourPolicy, colourWanted } from './colour-policy.ts';

test.each([
  [{}, true, true],
  [{}, false, false],
  [{ NO_COLOR: '1' }, true, false],
  [{ NO_COLOR: '' }, false, false],
  [{ NO_COLOR: '' }, true, true],
  [{ FORCE_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '0' }, true, false],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
])('env %o on a terminal=%s: colour %s', (env, isTTY, wanted) => {
  expect(colourWanted(env, isTTY)).toBe(wanted);
});

test('no colour is written into the environment children inherit', () => {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0' };
  applyColourPolicy(env, true);
  expect(env).toEqual({ NO_COLOR: '1' });
  const tty: NodeJS.ProcessEnv = {};
  applyColourPolicy(tty, true);
  expect(tty).toEqual({});
});
