import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { platformCodeSha256 } from './code-digest.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hasivu-code-digest-'));
  await mkdir(join(root, 'handlers'));
  await writeFile(join(root, 'main.ts'), 'export const a = 1;\n');
  await writeFile(join(root, 'handlers', 'health.ts'), 'export const b = 2;\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('the code digest is a base64 SHA-256 that changes with any source edit but not with tests', async () => {
  const before = platformCodeSha256(root);
  expect(Buffer.from(before, 'base64')).toHaveLength(32);
  await writeFile(join(root, 'main.test.ts'), 'test things\n');
  expect(platformCodeSha256(root)).toBe(before);
  await writeFile(join(root, 'handlers', 'health.ts'), 'export const b = 3;\n');
  expect(platformCodeSha256(root)).not.toBe(before);
});
