import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findK6 } from './find-k6.ts';

const dir = await mkdtemp(join(tmpdir(), 'hasivu-find-k6-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fakeK6(name: string, output: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\necho "${output}"\n`);
  await chmod(path, 0o755);
  return path;
}

describe('finding k6', () => {
  test('K6_BIN wins, and its version is read', async () => {
    const path = await fakeK6('k6-custom', 'k6 v2.9.1 (go1.26, linux/amd64)');
    expect(await findK6({ K6_BIN: path, PATH: '' })).toEqual({
      found: { path, version: '2.9.1', source: 'K6_BIN' },
    });
  });

  test('otherwise the first k6 on PATH', async () => {
    const sub = join(dir, 'bin');
    await rm(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    await writeFile(join(sub, 'k6'), '#!/bin/sh\necho "k6 v2.2.0"\n', { mode: 0o755 });
    expect(await findK6({ PATH: `/nonexistent:${sub}` })).toEqual({
      found: { path: join(sub, 'k6'), version: '2.2.0', source: 'PATH' },
    });
  });

  test('missing: one line that says how to install it', async () => {
    const lookup = await findK6({ PATH: '/nonexistent' });
    expect(lookup).toEqual({
      missing: expect.stringMatching(/^k6 is not on PATH; install k6 \(.*\) or set K6_BIN/) as unknown,
    });
    const bad = await findK6({ K6_BIN: join(dir, 'nope'), PATH: '' });
    expect('missing' in bad && bad.missing).toMatch(/K6_BIN=.*nope is not an executable file; install k6/);
  });

  test('a K6_BIN that is not k6 is refused, not run as a load test', async () => {
    const path = await fakeK6('not-k6', 'hello');
    expect(await findK6({ K6_BIN: path })).toEqual({
      missing: expect.stringContaining('does not answer `k6 version`') as unknown,
    });
  });
});
