import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { CheckSchema, type Check } from '../reports/run-result.ts';
import { parseLoadArgs } from './load-args.ts';
import { buildLoadReport } from './load-report.ts';
import { resolveLoad } from './resolve-load-plan.ts';
import { loadChecks, type RunFacts } from './summary-to-checks.ts';
import { syntheticSummary, type SyntheticRun } from './test-support/synthetic-summary.ts';

const load = resolveLoad(resolveProfile({ name: 'local', env: {} }).profile, parseLoadArgs([]));
const FACTS: RunFacts = {
  thresholdAbort: false,
  insufficientVUs: false,
  evidence: ['reports/out/load/sla-ci.report.json'],
  durationMs: 31_000,
};

function checksFor(run: SyntheticRun, facts: Partial<RunFacts> = {}): Map<string, Check> {
  const summary = syntheticSummary(load.plan, run);
  const checks = loadChecks(load, summary, buildLoadReport(load, summary, []), {
    ...FACTS,
    ...facts,
  });
  for (const check of checks) CheckSchema.parse(check);
  return new Map(checks.map((c) => [c.id, c]));
}

function get(checks: Map<string, Check>, id: string): Check {
  const check = checks.get(id);
  if (!check) throw new Error(`no ${id} among ${[...checks.keys()].join(', ')}`);
  return check;
}

describe('k6 thresholds become scorecard checks', () => {
  test('a healthy run passes everything, in the performance category, with evidence', () => {
    const checks = checksFor({});
    expect([...checks.values()].filter((c) => c.status !== 'pass')).toEqual([]);
    for (const c of checks.values()) {
      expect(c.category).toBe('performance');
      expect(c.evidence).toEqual(FACTS.evidence);
    }
    expect(get(checks, 'load.sla.endpoint.menus.latency').measured).toEqual({
      value: 10,
      unit: 'ms',
      target: '<2000',
    });
  });

  test('a slow endpoint fails by name, with its p95', () => {
    const checks = checksFor({ p95: { menus: 2534 } }, { thresholdAbort: true });
    const menus = get(checks, 'load.sla.endpoint.menus.latency');
    expect(menus.status).toBe('fail');
    expect(menus.severity).toBe('critical');
    expect(menus.measured).toEqual({ value: 2534, unit: 'ms', target: '<2000' });
    expect(menus.message).toMatch(
      /^menus p95 2534 ms, NOT under 2000 ms \(p50 1267, p95 2534, p99 3041 ms; 100 requests, 0 failed\)/,
    );
    expect(menus.message).toContain('k6 stopped the run early (abortOnFail)');
    expect(get(checks, 'load.sla.latency.business').message).toContain('over the limit: menus p95 2534 ms');
    expect(get(checks, 'load.sla.endpoint.order-get.latency').status).toBe('pass');
  });

  test('a 5 % error rate fails the error-rate check, which says how much and where', () => {
    const errors = get(checksFor({ failedRate: 0.05, checksRate: 0.95 }), 'load.sla.errors.rate');
    expect(errors.status).toBe('fail');
    expect(errors.measured).toEqual({ value: 5, unit: '%', target: '<1' });
    expect(errors.message).toMatch(/^5 % of requests failed, NOT under 1 %; failed by endpoint: /);
  });

  test('failing response checks are named', () => {
    const checks = get(checksFor({ checksRate: 0.95 }), 'load.sla.checks.rate');
    expect(checks.status).toBe('fail');
    expect(checks.message).toContain('"menus: 200" 5/100');
  });

  test('fast answers that failed their own checks are no latency pass', () => {
    const checks = checksFor({ failedRate: 0.5, checksRate: 0.5 });
    const latency = get(checks, 'load.sla.latency.business');
    expect(latency.status).toBe('error');
    expect(latency.message).toMatch(/^not a valid pass: .*responses failed their own checks/);
    // The rate was kept: only the answers were wrong.
    expect(get(checks, 'load.sla.rate.achieved').status).toBe('pass');
  });

  test('dropped iterations make a latency pass invalid, never a pass', () => {
    const checks = checksFor({ dropped: 12, p95: { 'order-get': 2400 } });
    const achieved = get(checks, 'load.sla.rate.achieved');
    expect(achieved.status).toBe('fail');
    expect(achieved.message).toMatch(/12 dropped .*Latency verdicts are invalid: k6 dropped 12 iterations/);
    const menus = get(checks, 'load.sla.endpoint.menus.latency');
    expect(menus.status).toBe('error');
    expect(menus.message).toMatch(/^not a valid pass: .*see load.sla.rate.achieved/);
    // A latency failure stands: the missing load could only have hidden more slowness.
    expect(get(checks, 'load.sla.endpoint.order-get.latency').status).toBe('fail');
    // Error and check rates are facts about the requests that were sent.
    expect(get(checks, 'load.sla.errors.rate').status).toBe('pass');
  });

  test('VU exhaustion is invalid too, even before k6 drops anything', () => {
    const checks = checksFor({ peakVUs: 50 });
    expect(get(checks, 'load.sla.rate.achieved').message).toContain('all 50 VUs were busy at once');
    expect(get(checks, 'load.sla.latency.business').status).toBe('error');
    expect(get(checksFor({}, { insufficientVUs: true }), 'load.sla.rate.achieved').status).toBe('fail');
  });

  test('an endpoint with no samples is not evaluated rather than passed', () => {
    const summary = syntheticSummary(load.plan);
    delete summary.metrics['http_req_duration{endpoint:payment-intent}'];
    const checks = loadChecks(load, summary, buildLoadReport(load, summary, []), FACTS);
    expect(checks.find((c) => c.id === 'load.sla.endpoint.payment-intent.latency')?.status).toBe('skip');
  });

  test('when k6 itself failed (setup could not log in), nothing measured passes', () => {
    const summary = syntheticSummary(load.plan, { failedRate: 1, checksRate: 0, iterations: 0 });
    // k6 reports zeros for trends without samples: they must not pass a latency target.
    for (const [name, metric] of Object.entries(summary.metrics)) {
      if (name.startsWith('http_req_duration')) metric.values = { 'p(95)': 0, 'p(99)': 0, count: 0 };
    }
    const facts = { ...FACTS, k6Failure: 'exit 255: login answered 401' };
    const checks = loadChecks(load, summary, buildLoadReport(load, summary, []), facts);
    expect(checks.filter((c) => c.status === 'pass')).toEqual([]);
    expect(checks.find((c) => c.id === 'load.sla.endpoint.menus.latency')?.status).toBe('skip');
    expect(checks.find((c) => c.id === 'load.sla.rate.achieved')?.message).toContain(
      'k6 failed: exit 255: login answered 401',
    );
  });

  test('a soak adds a drift check that warns when the last tenth is much slower', () => {
    const soak = resolveLoad(
      resolveProfile({ name: 'local', env: {} }).profile,
      parseLoadArgs(['--profile', 'nightly', '--duration', '60']),
    );
    const summary = syntheticSummary(soak.plan);
    summary.metrics['http_req_duration{kind:business,phase:early}'] = {
      type: 'trend',
      values: { 'p(95)': 40 },
    };
    summary.metrics['http_req_duration{kind:business,phase:late}'] = {
      type: 'trend',
      values: { 'p(95)': 400 },
    };
    const drift = loadChecks(soak, summary, buildLoadReport(soak, summary, []), FACTS).find(
      (c) => c.id === 'load.soak.latency.drift',
    );
    expect(drift?.status).toBe('warn');
    expect(drift?.measured).toEqual({ value: 400, unit: 'ms', target: '<=140' });
  });
});
