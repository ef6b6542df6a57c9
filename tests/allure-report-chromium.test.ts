import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildAllureReport } from '../reports/allure/build-allure-report.ts';
import { runResultToAllure } from '../reports/allure/run-result-to-allure.ts';
import { writeAllureResults } from '../reports/allure/write-allure-results.ts';
import type { Check, RunResult } from '../reports/run-result.ts';
import { launchChromium, needsChromium } from './test-support/chromium.ts';

function check(id: string, title: string, overrides: Partial<Check>): Check {
  return {
    id,
    title,
    category: 'performance',
    severity: 'major',
    status: 'pass',
    durationMs: 1000,
    ...overrides,
  };
}

function run(kind: RunResult['kind'], tool: string, checks: Check[]): RunResult {
  return {
    kind,
    environment: 'local',
    target: 'http://127.0.0.1:4010',
    startedAt: '2026-12-01T12:00:00.000Z',
    finishedAt: '2026-12-01T12:00:30.000Z',
    tool: { name: tool, version: '1.0.0' },
    checks,
  };
}

/** The awesome report folds groups of passed tests; open each folded group until none is left. */
async function expandEveryGroup(page: Page): Promise<void> {
  const folded = page.locator('[data-testid="tree-arrow"]:not(:has(svg[class*="--opened"]))');
  for (let round = 0; round < 10 && (await folded.count()) > 0; round += 1) await folded.first().click();
  expect(await folded.count()).toBe(0);
}

needsChromium(
  'the single-file Allure report opens offline, lists every check and loads nothing from the network',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hasivu-allure-test-'));
    const browser = await launchChromium();
    try {
      const summary = join(dir, 'sla-ci.k6-summary.json');
      await writeFile(summary, '{"metrics":{}}\n');
      const runs = [
        run('load', 'k6', [
          check('load.sla.p95', 'p95 latency stays under its target', {
            measured: { value: 83, unit: 'ms', target: '<500' },
            evidence: [summary],
          }),
          check('load.sla.errors', 'error rate stays under 1 %', {
            status: 'fail',
            severity: 'critical',
            message: 'error rate 3.2 % is over 1 %',
          }),
          check('load.sla.dropped', 'no iterations were dropped', {
            status: 'warn',
            message: '2 dropped iterations',
          }),
        ]),
        run('contract', 'pact', [
          check('contract.hasivu-web.menu', 'hasivu-web reads the menu', { category: 'contract' }),
          check('contract.hasivu-web.order', 'hasivu-web places an order', {
            category: 'contract',
            status: 'blocked',
            blockedBy: 'contract.hasivu-web.menu',
          }),
        ]),
        run('chaos', 'drill', [
          check('chaos.rollback.alarm', 'the alarm fires within 60 s', {
            category: 'resilience',
            status: 'error',
            message: 'no alarm history',
          }),
          check('chaos.rollback.mttr', 'recovery within the MTTR target', {
            category: 'resilience',
            status: 'skip',
            message: 'dry run',
          }),
        ]),
      ];
      const resultsDir = join(dir, 'allure-results');
      for (const result of runs)
        await writeAllureResults(resultsDir, runResultToAllure(result), (e) => Promise.resolve(e));

      const built = await buildAllureReport({
        resultsDirs: [resultsDir],
        outputDir: join(dir, 'allure'),
        reportName: 'HASIVU readiness',
      });
      if ('problem' in built) throw new Error(built.problem);
      expect((await stat(built.path)).size).toBeGreaterThan(100_000);

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const network: string[] = [];
      // Anything that is not the file itself or inlined data would be a request off this machine.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (/^(file|data|blob):/.test(url)) return route.continue();
        network.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(pathToFileURL(built.path).href, { timeout: 30_000 });

      await page.locator('[data-testid="tree-section"]').first().waitFor({ timeout: 20_000 });
      await expandEveryGroup(page);
      const titles = runs.flatMap((r) => r.checks.map((c) => c.title));
      const shown = await page.locator('[data-testid="tree-leaf-title"]').allInnerTexts();
      expect(shown.sort()).toEqual([...titles].sort());
      expect(await page.locator('[data-testid="tree-leaf-status-failed"]').count()).toBe(1);
      expect(await page.locator('[data-testid="tree-leaf-status-broken"]').count()).toBe(1);
      expect(network).toEqual([]);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
