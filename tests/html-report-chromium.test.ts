import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { htmlText } from '../reports/renderers/html.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { launchChromium, needsChromium } from './test-support/chromium.ts';

const card: Scorecard = {
  environment: 'staging',
  target: 'https://staging.example',
  generatedAt: '2026-11-22T12:00:00.000Z',
  verdict: 'not-ready',
  score: 71.4,
  minimumScore: 90,
  reasons: ['critical check smoke.business.order.create failed: answered 500'],
  categories: [
    {
      category: 'health',
      score: 100,
      weight: 20,
      required: true,
      counts: { pass: 3, fail: 0, warn: 0, skip: 0, error: 0, blocked: 0 },
    },
    {
      category: 'smoke',
      score: 40,
      weight: 20,
      required: true,
      counts: { pass: 2, fail: 3, warn: 0, skip: 0, error: 0, blocked: 0 },
    },
    {
      category: 'performance',
      score: null,
      weight: 15,
      required: true,
      counts: { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, blocked: 0 },
    },
  ],
  hrefs: {
    'results/smoke.json': 'results/smoke.json',
    'reports/out/load/sla-ci.report.json': 'load/sla-ci.report.json',
  },
  allureReport: 'allure/index.html',
  history: [
    { generatedAt: '2026-11-20T12:00:00.000Z', score: 96, verdict: 'ready' },
    { generatedAt: '2026-11-21T12:00:00.000Z', score: 88, verdict: 'not-ready' },
  ],
  runs: [
    {
      kind: 'smoke',
      path: 'results/smoke.json',
      startedAt: 'a',
      finishedAt: 'b',
      tool: 'vitest 5.1.1',
      fresh: true,
      ageHours: 0.1,
    },
  ],
  checks: [
    {
      id: 'smoke.health.comprehensive.latency',
      title: 'latency',
      category: 'health',
      severity: 'major',
      status: 'pass',
      measured: { value: 12, unit: 'ms', target: '<100' },
      durationMs: 50,
      kind: 'smoke',
      source: 'results/smoke.json',
      evidence: ['reports/out/load/sla-ci.report.json'],
    },
    {
      id: 'load.sla.latency.health',
      title: 'health p99',
      category: 'performance',
      severity: 'major',
      status: 'fail',
      measured: { value: 126, unit: 'ms', target: '<100' },
      durationMs: 50,
      kind: 'load',
      source: 'results/load.json',
    },
    {
      id: 'load.sla.latency.order',
      title: 'order p95',
      category: 'performance',
      severity: 'major',
      status: 'pass',
      measured: { value: 0.6, unit: 'ms', target: '<1' },
      durationMs: 50,
      kind: 'load',
      source: 'results/load.json',
    },
    // A hostile target's words end up in messages: they must render as text, never run.
    {
      id: 'smoke.business.order.create',
      title: 'create order',
      category: 'smoke',
      severity: 'critical',
      status: 'fail',
      message: 'answered 500: <script>document.title="pwned"</script><img src=x onerror=alert(1)>',
      durationMs: 20,
      kind: 'smoke',
      source: 'results/smoke.json',
    },
  ],
};

needsChromium('the HTML scorecard renders in headless Chromium with charts and no script', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  const browser = await launchChromium();
  try {
    const file = join(dir, 'scorecard.html');
    await writeFile(file, htmlText(card));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { timeout: 15_000 });

    await expect.poll(() => page.textContent('#verdict')).toBe('NOT-READY');
    expect(await page.title()).toBe('HASIVU readiness: staging not-ready');
    expect(await page.locator('svg.categories g.bar').count()).toBe(3);
    // Every timed check against its own limit, worst first, with the limit in words.
    expect(await page.locator('svg.latency g').count()).toBe(3);
    expect(await page.locator('svg.latency g').first().textContent()).toContain('126 ms of 100 ms limit (126 %)');
    expect(await page.locator('svg.latency').textContent()).toContain('0.6 ms of 1 ms limit (60 %)');
    // Evidence links are relative, so the page works from a downloaded artifact.
    expect(await page.locator('a[href="load/sla-ci.report.json"]').count()).toBe(1);
    expect(await page.locator('#allure-link').getAttribute('href')).toBe('allure/index.html');
    expect(await page.locator('ol.history li').allInnerTexts()).toEqual([
      '96\nready',
      '88\nnot-ready',
      '71.4\nnot-ready\n(this run)',
    ]);
    expect(await page.locator('tr.status-fail', { hasText: 'pwned' }).textContent()).toContain(
      '<script>document.title="pwned"</script>',
    );
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // The only acceptable console noise is the CSP refusing the hostile <img>.
    expect(
      consoleErrors.filter((e) => !/Content Security Policy|ERR_FILE_NOT_FOUND|Failed to load resource/.test(e)),
    ).toEqual([]);

    const png = join(dir, 'scorecard.png');
    await page.screenshot({ path: png, fullPage: true });
    expect((await stat(png)).size).toBeGreaterThan(10_000);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});

needsChromium(
  'with drill results, the HTML scorecard draws each drill timeline: fault observed, alarm, rollback, recovered',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
    const browser = await launchChromium();
    const drillCheck = (aspect: string, value: number): Scorecard['checks'][number] => ({
      id: `chaos.canary-error-rollback.${aspect}`,
      title: aspect,
      category: 'resilience',
      severity: 'minor',
      status: 'pass',
      measured: { value, unit: 'ms', ...(aspect === 'mttr' ? { target: '<120000' } : {}) },
      durationMs: 1,
      kind: 'chaos',
      source: 'results/chaos.json',
    });
    try {
      const file = join(dir, 'scorecard.html');
      await writeFile(
        file,
        htmlText({
          ...card,
          checks: [...card.checks, drillCheck('mttr', 900), drillCheck('detection', 600), drillCheck('rollback', 50)],
        }),
      );
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href, { timeout: 15_000 });
      const drill = page.locator('svg.drills g.drill[data-drill="canary-error-rollback"]');
      expect(await drill.count()).toBe(1);
      const attribute = async (selector: string, name: string): Promise<(string | null)[]> =>
        Promise.all((await drill.locator(selector).all()).map((element) => element.getAttribute(name)));
      expect(await attribute('g.mark', 'data-mark')).toEqual(['fault observed', 'alarm', 'rollback', 'recovered']);
      // Laid out on one time axis, in order.
      const xs = (await attribute('g.mark circle', 'cx')).map(Number);
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
      expect(await drill.textContent()).toContain('recovered 0.9 s');
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);

needsChromium(
  'drill timeline labels never overlap, even when alarm, rollback and recovery fall within 0.2 s',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
    const browser = await launchChromium();
    const drillCheck = (drill: string, aspect: string, value: number): Scorecard['checks'][number] => ({
      id: `chaos.${drill}.${aspect}`,
      title: aspect,
      category: 'resilience',
      severity: 'minor',
      status: 'pass',
      measured: { value, unit: 'ms', ...(aspect === 'mttr' ? { target: '<120000' } : {}) },
      durationMs: 1,
      kind: 'chaos',
      source: 'results/chaos.json',
    });
    try {
      const file = join(dir, 'scorecard.html');
      // A slow drill sets the scale, so the fast one's marks land within a few pixels of each other.
      const checks = [
        drillCheck('canary-error-rollback', 'mttr', 1400),
        drillCheck('canary-error-rollback', 'detection', 1200),
        drillCheck('canary-error-rollback', 'rollback', 100),
        drillCheck('redis-outage', 'mttr', 45_000),
        drillCheck('redis-outage', 'detection', 9000),
      ];
      await writeFile(file, htmlText({ ...card, checks: [...card.checks, ...checks] }));
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href, { timeout: 15_000 });
      // The boxes Chromium actually drew: every label and drill name of the drawing.
      const boxes = await Promise.all(
        (await page.locator('svg.drills text').all()).map(async (text) => {
          const r = await text.boundingBox();
          const [left, top] = [r?.x ?? 0, r?.y ?? 0];
          return {
            text: (await text.textContent()) ?? '',
            left,
            right: left + (r?.width ?? 0),
            top,
            bottom: top + (r?.height ?? 0),
          };
        }),
      );
      expect(boxes.length).toBe(2 + 4 + 3);
      const overlaps = boxes.flatMap((first, index) =>
        boxes
          .slice(index + 1)
          .filter(
            (second) =>
              first.left < second.right &&
              second.left < first.right &&
              first.top < second.bottom &&
              second.top < first.bottom,
          )
          .map((second) => `${first.text} × ${second.text}`),
      );
      expect(overlaps).toEqual([]);
      // Every label stays inside the drawing.
      const svg = await page.locator('svg.drills').boundingBox();
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(svg?.x ?? 0);
        expect(box.right).toBeLessThanOrEqual((svg?.x ?? 0) + (svg?.width ?? 0));
        expect(box.top).toBeGreaterThanOrEqual(svg?.y ?? 0);
      }
      const png = join(dir, 'drills.png');
      await page.locator('svg.drills').screenshot({ path: png });
      expect((await stat(png)).size).toBeGreaterThan(1000);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
