import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { compareRun } from '../load/regression/compare-with-history.ts';
import { regressionChecks } from '../load/regression/regression-checks.ts';
import { LoadRunRecordSchema } from '../load/regression/run-record.ts';
import { htmlText } from '../reports/renderers/html.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { launchChromium, needsChromium } from './test-support/chromium.ts';

/** The recorded runs: three unchanged, then one with the menus endpoint 20 ms slower. */
async function recordedComparison(): Promise<Scorecard> {
  const runs = await Promise.all(
    [1, 2, 3, 4].map(async (runNumber) =>
      LoadRunRecordSchema.parse(
        JSON.parse(
          await readFile(
            join(import.meta.dirname, '..', 'load', 'test-support', 'regression-history', `run-${runNumber}.json`),
            'utf8',
          ),
        ),
      ),
    ),
  );
  const { judgements, baseline, charts } = compareRun(runs.slice(0, 3), runs[3]!);
  const checks = regressionChecks(judgements, baseline, ['reports/out/load/sla-ci.regression.json'], 0).map(
    (check) => ({
      ...check,
      kind: 'load' as const,
      source: 'results/load.json',
    }),
  );
  return {
    environment: 'local',
    target: 'http://127.0.0.1:1',
    generatedAt: '2026-12-07T00:00:00.000Z',
    verdict: 'not-ready',
    score: 80,
    minimumScore: 90,
    reasons: ['a major performance check failed'],
    categories: [
      {
        category: 'performance',
        score: 80,
        weight: 15,
        required: true,
        counts: { pass: 1, fail: 1, warn: 0, skip: 0, error: 0, blocked: 0 },
      },
    ],
    runs: [],
    checks,
    regressionCharts: charts,
  };
}

needsChromium(
  'the scorecard shows each flagged endpoint as baseline vs current CDF, inline, with no request leaving the file',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hasivu-regression-chart-'));
    const browser = await launchChromium();
    try {
      const card = await recordedComparison();
      // Flagged: the failed endpoint first, then any marginal ones.
      const flagged = card.regressionCharts ?? [];
      expect(flagged[0]).toMatchObject({ endpoint: 'menus', verdict: 'fail' });
      expect(flagged.slice(1).every((c) => c.verdict === 'marginal')).toBe(true);
      const file = join(dir, 'scorecard.html');
      await writeFile(file, htmlText(card));
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href, { timeout: 15_000 });

      await expect.poll(() => page.locator('svg.regression').count()).toBe(flagged.length);
      const chart = page.locator('svg.regression').first();
      expect(await chart.getAttribute('data-endpoint')).toBe('menus');
      expect(await chart.textContent()).toMatch(/menus · p\d+ \+\d+\.\d ms \(fail\)/);
      // Both curves are drawn with many points, the current one to the right (slower) at the median.
      const points = async (cls: string): Promise<number[][]> =>
        ((await chart.locator(`path.${cls}`).getAttribute('d')) ?? '')
          .split(/[ML]/)
          .filter(Boolean)
          .map((p) => p.trim().split(' ').map(Number));
      const baseline = await points('baseline');
      const current = await points('current');
      expect(baseline.length).toBeGreaterThan(30);
      expect(current[20]?.[0]).toBeGreaterThan(baseline[20]?.[0] ?? Infinity);
      const box = await chart.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(400);
      // One file: the page itself is the only thing loaded.
      expect(requests).toEqual([pathToFileURL(file).href]);

      const png = join(dir, 'regression-chart.png');
      await chart.screenshot({ path: png });
      expect((await stat(png)).size).toBeGreaterThan(2_000);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
