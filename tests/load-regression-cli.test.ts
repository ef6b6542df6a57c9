import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { RunRecordSchema } from '../load/regression/run-record.ts';
import { RunResultSchema, type Check } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

/**
 * The regression gate end to end, with short runs of the ci profile against the reference
 * platform: a first run starts the history, a second unchanged run is judged (too few baseline
 * runs yet: nodata, never a fail), and a third with one function slowed by the platform's
 * HASIVU_ADDED_DELAY_MS fails that endpoint's regression checks and no other endpoint's.
 */
test(
  'run load --history: unchanged runs never fail, a slowed endpoint fails alone, the scorecard charts it',
  { timeout: 400_000 },
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'hasivu-load-regression-'));
    const reportsDir = join(root, 'reports');
    const historyDir = join(root, 'history');
    const env = { ...(offlineContainerEnv({}) as Record<string, string>), HARNESS_REPORTS_DIR: reportsDir };
    const args = ['run', 'load', '--profile', 'ci', '--duration', '10', '--history', historyDir];
    const RUN_WIDE = 'load.regression.run-wide';
    const regression = async (): Promise<Check[]> => {
      const result = RunResultSchema.parse(
        JSON.parse(await readFile(join(reportsDir, 'results', 'load.json'), 'utf8')),
      );
      return result.checks.filter((c) => c.id.startsWith('load.regression.') && c.id !== 'load.regression.baseline');
    };
    try {
      for (const run of [1, 2]) {
        const outcome = await runCli(args, env, 120_000);
        const checks = await regression();
        expect(checks.length, outcome.stderr.slice(-2000)).toBeGreaterThan(0);
        // A whole run slower alike is a `warn` by design (a busier machine does it too); an
        // unchanged run must never fail, and no endpoint may stand out from the rest.
        expect(
          checks
            .filter((c) => c.status === 'fail' || (c.status !== 'pass' && c.status !== 'skip' && c.id !== RUN_WIDE))
            .map((c) => `${c.id}: ${c.message}`),
          `run ${run}`,
        ).toEqual([]);
      }
      const slowed = await runCli(args, { ...env, HASIVU_ADDED_DELAY_MS: 'getMenu:40' }, 120_000);
      const checks = await regression();
      const failed = checks.filter((c) => c.status === 'fail').map((c) => c.id);
      expect(failed.length, slowed.stderr.slice(-2000)).toBeGreaterThan(0);
      expect(failed.every((id) => id.startsWith('load.regression.menus.'))).toBe(true);
      expect(slowed.code).toBe(1);

      // One small file per run; the slowed run is kept but never becomes a baseline.
      const files = (await readdir(historyDir)).sort();
      expect(files).toHaveLength(3);
      const records = await Promise.all(
        files.map(async (f) => RunRecordSchema.parse(JSON.parse(await readFile(join(historyDir, f), 'utf8')))),
      );
      expect(records.map((r) => r.green)).toEqual([true, true, false]);

      // The scorecard built from these results draws the slowed endpoint's distributions.
      await runCli(['check'], env, 60_000);
      const html = await readFile(join(reportsDir, 'scorecard.html'), 'utf8');
      expect(html).toMatch(/<svg class="regression" data-endpoint="menus"/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
);
