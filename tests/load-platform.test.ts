import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

/**
 * The acceptance run, exactly as CI and `npm run verify` do it: `npm run test:load --
 * --profile ci` on `local`, which starts Postgres, Redis and the reference platform,
 * runs the full ci profile (10 iterations/s for 30 s) and must pass within 2 minutes.
 */
test(
  'the ci profile passes against the reference platform in under 2 minutes, with no dropped iterations',
  { timeout: 150_000 },
  async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-load-platform-'));
    try {
      const started = Date.now();
      // This project's own container settings (offline images, no Ryuk), as its other tests use.
      const env = {
        ...(offlineContainerEnv({}) as Record<string, string>),
        HARNESS_REPORTS_DIR: reportsDir,
      };
      const outcome = await runCli(['run', 'load', '--profile', 'ci'], env, 140_000);
      const elapsed = Date.now() - started;
      const result = RunResultSchema.parse(
        JSON.parse(await readFile(join(reportsDir, 'results', 'load.json'), 'utf8')),
      );
      const notPassed = result.checks.filter((c) => c.status !== 'pass');
      expect(notPassed, outcome.stderr.slice(-3000)).toEqual([]);
      expect(outcome.code).toBe(0);
      expect(elapsed).toBeLessThan(120_000);
      expect(result.checks.every((c) => c.category === 'performance')).toBe(true);
      const achieved = result.checks.find((c) => c.id === 'load.sla.rate.achieved');
      expect(achieved?.message).toMatch(/, 0 dropped \(ratio 1\)/);
      // One progress line every 10 s instead of k6's banner and per-second lines; the per-endpoint table is printed.
      expect(outcome.stderr).toMatch(
        /load: 10 s: \d+\.\d requests\/s achieved, \d+ VUs, 0 errors so far \(\d+ requests\)/,
      );
      expect(outcome.stderr).not.toMatch(/running \(\d+m?\d+\.\ds\)|Grafana/);
      expect(outcome.stderr).toMatch(/load: payment-intent +\d+ +0 /);
    } finally {
      await rm(reportsDir, { recursive: true, force: true });
    }
  },
);
