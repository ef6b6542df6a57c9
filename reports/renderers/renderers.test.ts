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
    { category: 'health', score: 100, weight: 20, required: true, counts: { pass: 2, fail: 0, warn: 0, skip: 0, error: 0, blocked: 0 } },
    { category: 'smoke', score: 0, weight: 20, required: true, counts: { pass: 0, fail: 1, warn: 0, skip: 1, error: 0, blocked: 0 } },
  ],
  runs: [{ kind: 'smoke', path: 'results/smoke.json', startedAt: 'x', finishedAt: 'y', tool: 'vitest 5.1.1', fresh: true, ageHours: 0 }],
  checks: [
    { id: 'smoke.health.comprehensive.latency', title: 'latency', category: 'health', severity: 'major', status: 'pass', measured: { value: 12, unit: 'ms', target: '<100' }, durationMs: 50, kind: 'smoke', source: 'results/smoke.json' },
    { id: 'smoke.business.order.create', title: 'create | order', category: 'smoke', severity: 'critical', status: 'fail', message: 'answered 500 <html> & "quotes"', durationMs: 20, kind: 'smoke', source: 'results/smoke.json' },
    { id: 'smoke.business.payment.webhook', title: 'webhook', category: 'smoke', severity: 'critical', status: 'skip', message: 'HARNESS_WEBHOOK_SECRET is not set', durationMs: 0, kind: 'smoke', source: 'results/smoke.json' },
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
    expect(xml).toContain('tests="3" failures="1" errors="0" skipped="1"');
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
  });

  test('the terminal table shows the verdict, every category and each failure', () => {
    const text = renderTerminal(card);
    expect(text).toContain('verdict NOT-READY   score 71.4/100   minimum 90');
    expect(text).toMatch(/health\s+100\.0\s+20\s+2\s+0/);
    expect(text).toMatch(/smoke\s+0\.0\s+20\s+0\s+1/);
    expect(text).toContain('✗ smoke.business.order.create [critical] answered 500');
  });
});
