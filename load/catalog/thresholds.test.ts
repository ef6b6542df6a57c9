import { describe, expect, test } from 'vitest';
import type { LoadPlan } from './load-plan.ts';
import { expression, reportingMetrics, thresholdSpecs } from './thresholds.ts';

const SLA = { businessP95Ms: 2000, healthLatencyMs: 100, errorRateMax: 0.01, checksRateMin: 0.99 };
const plan = (over: Partial<LoadPlan> = {}): Pick<LoadPlan, 'scenario' | 'sla' | 'abortOnFail'> => ({
  scenario: 'sla',
  sla: SLA,
  abortOnFail: true,
  ...over,
});

function find(specs: ReturnType<typeof thresholdSpecs>, id: string) {
  const spec = specs.find((s) => s.id === id);
  if (!spec) throw new Error(`no threshold ${id} in ${specs.map((s) => s.id).join(', ')}`);
  return spec;
}

describe('thresholds from the SLA', () => {
  test('are the issue’s four, with abortOnFail where an ongoing breach makes more load pointless', () => {
    const specs = thresholdSpecs(plan());
    const business = find(specs, 'latency.business');
    expect([business.metric, expression(business), business.abortOnFail]).toEqual([
      'http_req_duration{kind:business}',
      'p(95)<2000',
      true,
    ]);
    const health = find(specs, 'latency.health');
    expect([health.metric, expression(health), health.abortOnFail]).toEqual([
      'http_req_duration{kind:health}',
      'p(99)<100',
      false,
    ]);
    const errors = find(specs, 'errors.rate');
    expect([errors.metric, expression(errors), errors.abortOnFail]).toEqual(['http_req_failed', 'rate<0.01', true]);
    const checks = find(specs, 'checks.rate');
    expect([checks.metric, expression(checks)]).toEqual(['checks', 'rate>0.99']);
    expect(expression(find(specs, 'rate.achieved'))).toBe('count<1');
  });

  test('follow the profile: targets are data, not code', () => {
    const specs = thresholdSpecs(
      plan({ sla: { ...SLA, businessP95Ms: 800, healthLatencyMs: 50, errorRateMax: 0.05 } }),
    );
    expect(expression(find(specs, 'endpoint.menus.latency'))).toBe('p(95)<800');
    expect(expression(find(specs, 'endpoint.health.latency'))).toBe('p(99)<50');
    expect(expression(find(specs, 'errors.rate'))).toBe('rate<0.05');
  });

  test('judge every loaded endpoint on its own, by its tag', () => {
    const ids = thresholdSpecs(plan())
      .filter((s) => s.endpoint)
      .map((s) => [s.id, s.metric]);
    expect(ids).toContainEqual(['endpoint.payment-intent.latency', 'http_req_duration{endpoint:payment-intent}']);
    expect(ids.map(([id]) => id)).not.toContain('endpoint.login.latency');
  });

  test('have unique ids, since they become check ids', () => {
    for (const scenario of ['sla', 'spike', 'soak'] as const) {
      const ids = thresholdSpecs(plan({ scenario })).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('a spike never stops early and is judged on its recovery', () => {
    const specs = thresholdSpecs(plan({ scenario: 'spike' }));
    expect(specs.filter((s) => s.abortOnFail)).toEqual([]);
    expect(find(specs, 'latency.recovery').metric).toBe('http_req_duration{kind:business,phase:recovery}');
  });

  test('benchmarks can turn aborting off', () => {
    expect(thresholdSpecs(plan({ abortOnFail: false })).filter((s) => s.abortOnFail)).toEqual([]);
  });

  test('reporting-only sub-metrics can never fail', () => {
    for (const rule of Object.values(reportingMetrics('soak'))) expect(rule).toMatch(/>=0$/);
    expect(Object.keys(reportingMetrics('soak'))).toContain('http_req_duration{kind:business,phase:late}');
  });
});
