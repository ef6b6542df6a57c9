import { describe, expect, test } from 'vitest';
import type { RunResult } from '../run-result.ts';
import { runResultToAllure } from './run-result-to-allure.ts';
import { stripAnalytics } from './strip-analytics.ts';

const result: RunResult = {
  kind: 'load',
  environment: 'staging',
  target: 'https://staging.example',
  startedAt: '2026-12-01T12:00:00.000Z',
  finishedAt: '2026-12-01T12:00:30.000Z',
  tool: { name: 'k6', version: '2.2.0' },
  checks: [
    {
      id: 'load.p95',
      title: 'p95',
      category: 'performance',
      severity: 'major',
      status: 'warn',
      message: 'close to the limit',
      measured: { value: 83, unit: 'ms', target: '<100' },
      evidence: ['reports/out/load/sla-ci.k6-summary.json', 'https://k6.example/run/1'],
      durationMs: 30_000,
    },
    {
      id: 'load.errors',
      title: 'errors',
      category: 'performance',
      severity: 'critical',
      status: 'error',
      message: 'k6 exit 107',
      durationMs: 10,
    },
    {
      id: 'load.dropped',
      title: 'dropped',
      category: 'performance',
      severity: 'minor',
      status: 'blocked',
      blockedBy: 'load.errors',
      durationMs: 0,
    },
  ],
};

describe('runResultToAllure', () => {
  test('maps statuses Allure lacks to the nearest it has, with the reason kept', () => {
    const { results } = runResultToAllure(result);
    expect(results.map((r) => [r.fullName, r.status, r.statusDetails.message])).toEqual([
      ['load.p95', 'passed', 'warning: close to the limit'],
      ['load.errors', 'broken', 'k6 exit 107'],
      ['load.dropped', 'skipped', 'blocked by load.errors'],
    ]);
    expect(results[0]?.labels).toContainEqual({ name: 'severity', value: 'normal' });
    expect(results[1]?.labels).toContainEqual({ name: 'severity', value: 'critical' });
    expect(results[0]?.parameters).toEqual([{ name: 'measured', value: '83 ms (target <100)' }]);
    // A check's duration ends at the run's end and never starts before the run did.
    expect(results[0]?.stop).toBe(Date.parse(result.finishedAt));
    expect(results[0]?.start).toBe(Date.parse(result.startedAt));
  });

  test('file evidence becomes an attachment to copy, URLs become links; converting twice gives the same ids', () => {
    const first = runResultToAllure(result);
    expect(first.attachments).toHaveLength(1);
    expect(first.attachments[0]?.evidence).toBe('reports/out/load/sla-ci.k6-summary.json');
    expect(first.results[0]?.attachments[0]).toMatchObject({
      name: 'sla-ci.k6-summary.json',
      type: 'application/json',
      source: first.attachments[0]?.source,
    });
    expect(first.results[0]?.links).toEqual([
      { name: 'https://k6.example/run/1', url: 'https://k6.example/run/1', type: 'link' },
    ]);
    expect(runResultToAllure(result).results.map((r) => r.uuid)).toEqual(first.results.map((r) => r.uuid));
  });
});

describe('stripAnalytics', () => {
  test('removes the tag manager and refuses any other remote script', () => {
    const gtm =
      '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n    <script>\n window.dataLayer = []; function gtag(){dataLayer.push(arguments);} gtag("js", new Date());\n</script>';
    expect(stripAnalytics(`<body>${gtm}<div id="app"></div></body>`)).toBe('<body><div id="app"></div></body>');
    expect(() => stripAnalytics('<script src="https://cdn.example/x.js"></script>')).toThrow(/remote script/);
  });
});
