import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Fk7p-Qz2m-Lx9w',
  webhookSecret: 'Wh4k-Rn8t-Vc3j',
};
const ESC = String.fromCharCode(27);

test('no escape codes in a log that is not a terminal; FORCE_COLOR=1 turns them on, NO_COLOR wins over it', async () => {
  await using fake = await startFakePlatform({ breakage: 'none', ...ACCOUNT });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-colour-'));
  try {
    const smoke = (env: Record<string, string>) =>
      runCli(['run', 'smoke', '--env', 'staging', '--tags', 'health'], {
        HARNESS_BASE_URL: fake.url,
        HARNESS_USER_EMAIL: ACCOUNT.email,
        HARNESS_USER_PASSWORD: ACCOUNT.password,
        HARNESS_REPORTS_DIR: reportsDir,
        ...env,
      });
    const plain = await smoke({});
    expect(plain.code).toBe(0);
    expect(`${plain.stdout}${plain.stderr}`).not.toContain(ESC);
    expect(await readFile(join(reportsDir, 'logs', 'smoke-vitest.log'), 'utf8')).not.toContain(ESC);
    // vitest's own output (where colour lives) goes to the stage's log, not the console.
    const forced = await smoke({ FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(await readFile(join(reportsDir, 'logs', 'smoke-vitest.log'), 'utf8')).toContain(`${ESC}[`);
    const both = await smoke({ FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(`${both.stdout}${both.stderr}`).not.toContain(ESC);
    expect(await readFile(join(reportsDir, 'logs', 'smoke-vitest.log'), 'utf8')).not.toContain(ESC);
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
