import { describe, expect, test } from 'vitest';
import type { Target } from '../../runner/target.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import type { AdapterCandidate } from './adapter-candidate.ts';
import type { DrillAdapters } from './drill-adapters.ts';
import { selectAdapters } from './select-adapters.ts';

const environment = resolveProfile({ name: 'local', env: {} });
const target: Target = {
  baseUrl: 'http://127.0.0.1:9',
  credentials: { email: 'a@b.c', password: undefined },
  webhookSecret: undefined,
  adminToken: undefined,
  local: false,
};
const skipping = (name: string, reason: string): AdapterCandidate => ({
  name,
  open: () => Promise.resolve({ skip: reason }),
});

describe('choosing the drill adapters', () => {
  test('the first candidate that applies wins, and each one skipped before it is logged with its reason', async () => {
    const lines: string[] = [];
    const chosen = { source: 'second' } as DrillAdapters;
    const adapters = await selectAdapters(target, environment, (l) => lines.push(l), new AbortController().signal, [
      skipping('first', 'no credentials'),
      { name: 'second', open: () => Promise.resolve(chosen) },
      skipping('third', 'never asked'),
    ]);
    expect(adapters).toBe(chosen);
    expect(lines).toEqual(['chaos: adapter first not applicable: no credentials', 'chaos: drill adapters: second']);
  });

  test('none applies: exit 2 with every reason, before anything is injected', async () => {
    await expect(
      selectAdapters(target, environment, () => undefined, new AbortController().signal),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /nothing was injected:\n {2}- aws: the local profile has no aws block\n {2}- local: the target has no admin token/,
      ) as unknown,
    });
  });
});
