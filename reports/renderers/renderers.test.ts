import { describe, expect, test } from 'vitest';
import type { Scorecard } from '../scorecard/scorecard.ts';
import { renderAll } from './all-renderers.ts';
import { renderJunit } from './junit.ts';
import { markdownText } from './markdown.ts';
import { renderTerminal } from './terminal-table.ts';

const card: Scorecard = {
  environment: 'staging',
  target: 'https://staging.example',
  generatedAt: '2026-11-22T12:00:00.000Z',
  verdict: 'not-ready',
  score: 71.4,
  minimumScore: 90,
  reasons: ['critical check smoke.business.order.create failed: answered 500 <html> & "quotes"'],
  categories: [
    {
      category: 'health',
      score: 100,
      weight: 20,
      required: true,
      counts: { pass: 2, fail: 0, warn: 0, skip: 0, error: 0, blocked: 0 },
    },
    {
      category: 'smoke',
      score: 0,
      weight: 20,
      required: true,
      counts: { pass: 0, fail: 1, warn: 0, skip: 1, error: 0, blocked: 0 },
    },
  ],
  runs: [
    {
      kind: 'smoke',
      path: 'results/smoke.json',
      startedAt: 'x',
      finishedAt: 'y',
      tool: 'vitest 5.1.1',
      fresh: true,
      ageHours: 0,
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
    },
    {
      id: 'smoke.business.order.create',
      title: 'create | order',
      category: 'smoke',
      severity: 'critical',
      status: 'fail',
      message: 'answered 500 <html> & "quotes"',
      durationMs: 20,
      kind: 'smoke',
      source: 'results/smoke.json',
    },
    {
      id: 'smoke.business.payment.webhook',
      title: 'webhook',
      category: 'smoke',
      severity: 'critical',
      status: 'skip',
      message: 'HARNESS_WEBHOOK_SECRET is not set',
      durationMs: 0,
      kind: 'smoke',
      source: 'results/smoke.json',
    },
  ],
};

describe('renderers', () => {
  test('produce the files the gate promises, deterministically', () => {
    const files = renderAll(card);
    expect(Object.keys(files).sort()).toEqual(['junit.xml', 'scorecard.html', 'scorecard.json', 'scorecard.md']);
    expect(renderAll(card)).toEqual(files);
    expect(JSON.parse(files['scorecard.json'] ?? '')).toEqual(card);
  });

  test('JUnit escapes XML and maps statuses to failure and skipped', () => {
    const xml = renderJunit(card)['junit.xml'] ?? '';
    // Three checks and the gate, which fails because the verdict is not ready.
    expect(xml).toContain('tests="4" failures="2" errors="0" skipped="1"');
    expect(xml).toMatch(
      /<testcase classname="gate" name="gate" time="0.000">\n\s+<failure message="verdict not-ready, score 71.4\/100: critical check/,
    );
    expect(xml).toContain('<failure message="answered 500 &lt;html&gt; &amp; &quot;quotes&quot;" type="critical">');
    expect(xml).toContain('<skipped message="HARNESS_WEBHOOK_SECRET is not set"/>');
    expect(xml).not.toMatch(/<html>/);
  });

  test('Markdown keeps table cells intact and links evidence', () => {
    const md = markdownText(card);
    expect(md).toContain('**Verdict: not-ready** · score **71.4**/100');
    expect(md).toContain('create \\| order');
    expect(md).toContain('12 ms (<100)');
    expect(md).toContain('`results/smoke.json`');
    const judged = markdownText({
      ...card,
      releaseId: 'v42',
      provenance: { harnessVersion: '0.1.0', commit: '0123456789abcdef', runUrl: 'https://ci.example/run/7' },
    });
    expect(judged).toContain(
      'Judged by hasivu-verify 0.1.0 for release `v42` (commit `0123456789ab`, [CI run](https://ci.example/run/7)).',
    );
  });

  test('the terminal table shows the verdict, every category and each failure', () => {
    const text = renderTerminal(card);
    expect(text).toContain('verdict NOT-READY   score 71.4/100   minimum 90');
    expect(text).toMatch(/health\s+100\.0\s+20\s+2\s+0/);
    expect(text).toMatch(/smoke\s+0\.0\s+20\s+0\s+1/);
    expect(text).toContain('✗ smoke.business.order.create [critical] answered 500');
  });

  test('a failed login shows once as the root cause, its dependents counted apart, in every format', () => {
    const base = card.checks[0];
    if (!base) throw new Error('fixture');
    const login = {
      ...base,
      id: 'smoke.security.login',
      title: 'log in',
      category: 'smoke' as const,
      severity: 'critical' as const,
      status: 'fail' as const,
      message: 'login answered 401',
    };
    const dependents = Array.from({ length: 12 }, (_, index) => ({
      ...base,
      id: `smoke.business.step${index}`,
      title: `step ${index}`,
      status: 'blocked' as const,
      blockedBy: login.id,
      message: 'login answered 401',
    }));
    const blockedCard: Scorecard = {
      ...card,
      checks: [login, ...dependents],
      reasons: ['critical check smoke.security.login failed (12 dependent checks blocked): login answered 401'],
    };

    const text = renderTerminal(blockedCard);
    expect(text.match(/login answered 401/g)).toHaveLength(2); // the failure line and the reason
    expect(text).toContain('+ 12 dependent checks blocked by it');
    expect(text).not.toContain('smoke.business.step3');

    const md = markdownText(blockedCard);
    expect(md.match(/login answered 401/g)).toHaveLength(2);
    expect(md).toContain('12 dependent checks blocked: smoke.business.step0, smoke.business.step1');

    const html = renderAll(blockedCard)['scorecard.html'] ?? '';
    expect(html.match(/<tr class="status-/g)).toHaveLength(1);
    expect(html).toContain('12 dependent checks blocked');

    const xml = renderJunit(blockedCard)['junit.xml'] ?? '';
    expect(xml.match(/<failure message="login answered 401/g)).toHaveLength(1);
    expect(xml.match(/<skipped message="blocked by smoke.security.login"\/>/g)).toHaveLength(12);
  });

  test('JUnit times do not add up checks that ran in parallel', () => {
    const base = card.checks[0];
    if (!base) throw new Error('fixture');
    const parallel = Array.from({ length: 10 }, (_, i) => ({ ...base, id: `h${i}`, durationMs: 2_000 }));
    const run = {
      kind: 'smoke' as const,
      path: 'r',
      startedAt: '2026-11-22T11:00:00.000Z',
      finishedAt: '2026-11-22T11:00:05.000Z',
      tool: 'vitest',
      fresh: true,
      ageHours: 1,
    };
    const xml = renderJunit({ ...card, checks: parallel, runs: [run] })['junit.xml'] ?? '';
    expect(xml).toMatch(/<testsuite name="health" [^>]* time="5.000">/);
    expect(xml).toMatch(/<testsuites [^>]* time="5.000">/);
  });
});
