import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeFileAtomic } from './atomic-write.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hasivu-verify-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('writes the whole content', async () => {
  await writeFileAtomic(join(dir, 'a.json'), '{"ok":true}');
  expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"ok":true}');
});

test('a write that cannot replace its target leaves no temp file behind', async () => {
  // A directory where the file should be: the rename fails after the temp file was written.
  await mkdir(join(dir, 'pact.json'));
  await expect(writeFileAtomic(join(dir, 'pact.json'), 'new')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
  expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});
