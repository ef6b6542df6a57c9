import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { waitFor } from '../common/wait-for.ts';
import { withTimeout } from '../common/with-timeout.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { cliEnv, PROJECT_ROOT } from './test-support/run-cli.ts';

const SCORECARD_FILES = ['scorecard.json', 'scorecard.md', 'scorecard.html', 'junit.xml'];

/**
 * Ctrl-C during smoke, then Ctrl-C again while the scorecard is being written (its Allure
 * report is being built: the `hasivu-allure-*` directory exists). The second one ends the
 * process at once; the scorecard must still be whole and say `interrupted`, and the
 * temporary directory must be gone.
 */
test('a second Ctrl-C while the scorecard is written leaves an interrupted scorecard and no temp dir', async () => {
  await using dev = await startFakePlatform({
    delayMs: { health: 150, 'health-live': 150, menus: 150 },
  });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-second-interrupt-'));
  const ownTmp = await mkdtemp(join(tmpdir(), 'hasivu-second-interrupt-tmp-'));
  // An earlier run's ready scorecard: it must not survive.
  await writeFile(join(reportsDir, 'scorecard.json'), JSON.stringify({ verdict: 'ready', score: 100 }));
  const child = spawn(process.execPath, ['cli/main.ts', 'verify', '--env', 'dev'], {
    cwd: PROJECT_ROOT,
    env: cliEnv({
      HARNESS_BASE_URL: dev.url,
      HARNESS_USER_EMAIL: dev.email,
      HARNESS_USER_PASSWORD: dev.password,
      HARNESS_WEBHOOK_SECRET: dev.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
      TMPDIR: ownTmp,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const exited = once(child, 'exit');
  try {
    await waitFor('smoke to be under way', () => (dev.requests.length >= 5 ? true : undefined), {
      timeoutMs: 90_000,
    });
    child.kill('SIGINT');
    // The second signal comes while the scorecard write builds its Allure report.
    await waitFor(
      'the scorecard write to build its Allure report',
      async () => (await readdir(ownTmp)).find((name) => name.startsWith('hasivu-allure-')),
      { timeoutMs: 90_000, intervalMs: 10 },
    );
    child.kill('SIGINT');
    const [code] = (await withTimeout(exited, 30_000, 'verify to exit after the second signal')) as [number | null];
    expect(code, stderr).toBe(130);
    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as Scorecard;
    expect(card.verdict).toBe('interrupted');
    expect(card.reasons[0]).toMatch(/^the run was interrupted \(SIGINT during smoke\)/);
    const written = await readdir(reportsDir);
    for (const name of SCORECARD_FILES) expect(written).toContain(name);
    expect(await readFile(join(reportsDir, 'scorecard.md'), 'utf8')).toMatch(/interrupted/);
    expect(written.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await readdir(ownTmp)).filter((name) => name.startsWith('hasivu-allure-'))).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(reportsDir, { recursive: true, force: true });
    await rm(ownTmp, { recursive: true, force: true });
  }
});
