import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { cliEnv, PROJECT_ROOT } from './test-support/run-cli.ts';

/** Runs an npm script exactly as the platform team's runbook types it. */
function npmRun(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: PROJECT_ROOT, env: cliEnv(env) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('the post-deploy runbook works against a staging URL: smoke, health check, gate', async () => {
  await using staging = await startFakePlatform({});
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    const env = {
      HARNESS_BASE_URL: staging.url,
      HARNESS_USER_EMAIL: staging.email,
      HARNESS_USER_PASSWORD: staging.password,
      HARNESS_WEBHOOK_SECRET: staging.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    };
    const health = await npmRun('health:check:staging', env);
    expect(health.output).toMatch(/smoke: 12 passed, 0 failed, \d+ skipped/);
    expect(health.code).toBe(0);

    const smoke = await npmRun('test:smoke:staging', env);
    // Skipped by design here: TLS checks (http://), cross-user checks (no second identity), health 503s, the fuzz step.
    expect(smoke.output).toMatch(/smoke: \d{2} passed, 0 failed, \d+ skipped/);
    expect(smoke.code).toBe(0);
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    expect(result.environment).toBe('staging');
    expect(result.target).toBe(staging.url);

    // Staging requires contract and performance evidence too: smoke alone cannot promote.
    const gate = await npmRun('check:staging', env);
    expect(gate.output).toContain('verdict INCOMPLETE');
    expect(gate.output).toMatch(/required category contract has no evaluated checks/);
    expect(gate.code).toBe(3);
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
