import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { HarnessError } from '../common/harness-error.ts';
import { replacePact } from './replace-pact.ts';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function pactsDir(): Promise<{ dir: string; fresh: string; target: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-pacts-'));
  made.push(dir);
  const fresh = join(dir, 'fresh.json');
  await writeFile(fresh, '{"fresh":true}');
  await mkdir(join(dir, 'pacts'));
  return { dir, fresh, target: join(dir, 'pacts', 'web-hasivu-platform.json') };
}

/** `chattr +i` needs root and a file system that keeps the flag; true when it took. */
function makeImmutable(path: string): boolean {
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function expectRefusedCleanly(fresh: string, target: string): Promise<void> {
  const refused = await replacePact(fresh, target).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(HarnessError);
  const { message, exitCode } = refused as HarnessError;
  expect(exitCode).toBe(2);
  expect(message.split('\n')).toHaveLength(1);
  expect(message).toContain(target);
  expect(message).toMatch(/chmod u\+w; chattr -i/);
  expect((await readdir(join(target, '..'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

describe('replacing a pact', () => {
  test('a fresh pact replaces the committed one, with no temp file left', async () => {
    const { fresh, target } = await pactsDir();
    await writeFile(target, '{"old":true}');
    await replacePact(fresh, target);
    expect(await readFile(target, 'utf8')).toBe('{"fresh":true}');
    expect(await readdir(join(target, '..'))).toEqual(['web-hasivu-platform.json']);
  });

  test('an immutable pact file: one line naming it and the fix, no *.tmp left', async (context) => {
    const { fresh, target } = await pactsDir();
    await writeFile(target, '{"old":true}');
    if (!makeImmutable(target))
      return context.skip('chattr +i is not possible here (needs root on a file system that keeps the flag)');
    try {
      await expectRefusedCleanly(fresh, target);
      expect(await readFile(target, 'utf8')).toBe('{"old":true}');
    } finally {
      execFileSync('chattr', ['-i', target], { stdio: 'ignore' });
    }
  });

  test('something that cannot be replaced by a file (a directory in its place): the same one line', async () => {
    const { fresh, target } = await pactsDir();
    await mkdir(join(target, 'inside'), { recursive: true });
    await expectRefusedCleanly(fresh, target);
  });
});
