import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

// CI's bootstrap starts dockerd and builds the offline images, so there the container run is
// required; on a laptop without Docker it is a skip that says why.
const containerTest = dockerAnswers() || process.env.CI === 'true' ? test : test.skip;

async function integrationWith(provider: 'testcontainers' | 'native') {
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    const outcome = await runCli(
      ['run', 'integration'],
      { HARNESS_SERVICES: provider, HARNESS_REPORTS_DIR: reportsDir },
      240_000,
    );
    const result = RunResultSchema.parse(
      JSON.parse(await readFile(join(reportsDir, 'results', 'integration.json'), 'utf8')),
    );
    return { outcome, result };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

describe('the integration suites pass with each service provider', () => {
  containerTest('Testcontainers, host network, offline images', async () => {
    const { outcome, result } = await integrationWith('testcontainers');
    expect(outcome.stderr).toContain('integration services: using testcontainers');
    expect(outcome.stderr).toMatch(/Postgres postgres:\/\/[^@]+@127\.0\.0\.1:\d+\/hasivu/);
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    expect(outcome.code).toBe(0);
  });

  test('native Postgres and Redis', async () => {
    const { outcome, result } = await integrationWith('native');
    expect(outcome.stderr).toContain('integration services: using native');
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    expect(outcome.code).toBe(0);
  });
});
