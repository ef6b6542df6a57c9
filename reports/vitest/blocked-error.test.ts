import { expect, test } from 'vitest';
import { BlockedError, parseBlocked } from './blocked-error.ts';
import { testCaseToCheck, type TestCaseLike } from './test-case-to-check.ts';

function failedWith(error: { name: string; message: string }): TestCaseLike {
  return {
    name: 'read the menu',
    fullName: 'flow > read the menu',
    module: { moduleId: '/x/business-flow.spec.ts' },
    meta: () => ({ check: { id: 'smoke.business.menu', category: 'smoke', severity: 'critical' } }),
    result: () => ({ state: 'failed', errors: [error] }),
    diagnostic: () => ({ duration: 3 }),
  };
}

test('a BlockedError, as vitest serialises it, becomes a blocked check naming its root cause', () => {
  const error = new BlockedError('smoke.business.login', 'login answered 401');
  const serialised = { name: error.name, message: error.message };
  expect(parseBlocked(serialised)).toEqual({
    blockedBy: 'smoke.business.login',
    reason: 'login answered 401',
  });
  expect(testCaseToCheck('smoke', failedWith(serialised))).toMatchObject({
    id: 'smoke.business.menu',
    status: 'blocked',
    blockedBy: 'smoke.business.login',
    message: 'login answered 401',
  });
});

test('an ordinary failure that merely says "blocked by" stays a failure', () => {
  const check = testCaseToCheck('smoke', failedWith({ name: 'AssertionError', message: 'blocked by smoke.x: no' }));
  expect(check.status).toBe('fail');
  expect(check.blockedBy).toBeUndefined();
});
