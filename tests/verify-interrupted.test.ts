import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { waitFor } from '../common/wait-for.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { PROJECT_ROOT } from './support/run-cli.ts';

test('Ctrl-C during verify keeps the evidence so far, writes a scorecard that is not ready, and exits 130', async () => {
  await using dev = await startFakePlatform({});
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HARNESS_')));
  const child = spawn(process.execPath, ['cli/main.ts', 'verify', '--env', 'dev'], {
    cwd: PROJECT_ROOT,
    env: {
      ...base,
      CI: 'true',
      HARNESS_BASE_URL: dev.url,
      HARNESS_USER_EMAIL: dev.email,
      HARNESS_USER_PASSWORD: dev.password,
      HARNESS_WEBHOOK_SECRET: dev.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const exited = once(child, 'exit');
  try {
    await waitFor('verify to reach the contract stage', () => (stderr.includes('==> contract') ? true : undefined), {
      timeoutMs: 60_000,
    });
    child.kill('SIGINT');
    const [code] = (await Promise.race([
      exited,
      waitFor('verify to exit after SIGINT', () => undefined, { timeoutMs: 30_000 }),
    ])) as [number | null];
    expect(code).toBe(130);
    expect(stderr).toContain('SIGINT: finishing the current stage, then writing the scorecard');

    const smoke = JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')) as { checks: unknown[] };
    expect(smoke.checks).toHaveLength(29);
    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as Scorecard;
    expect(card.verdict).not.toBe('ready');
    expect(card.runs.find((r) => r.kind === 'smoke')?.fresh).toBe(true);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(reportsDir, { recursive: true, force: true });
  }
});
