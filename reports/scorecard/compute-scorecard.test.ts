import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import type { Check, RunKind, RunResult } from '../run-result.ts';
import { computeScorecard, type LoadedResult } from './compute-scorecard.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const stagingProfile = resolveProfile({
  env: { HARNESS_BASE_URL: 'https://staging.example' },
  name: 'staging',
  cwd: '/',
}).profile;

function check(id: string, overrides: Partial<Check> = {}): Check {
  return { id, title: id, category: 'health', severity: 'major', status: 'pass', durationMs: 1, ...overrides };
}

function result(kind: RunKind, checks: Check[], finishedAt = '2026-11-22T11:30:00Z'): LoadedResult {
  const run: RunResult = {
    kind,
    environment: 'staging',
    target: 'https://staging.example',
    startedAt: finishedAt,
    finishedAt,
    tool: { name: 'vitest', version: '5.1.1' },
    checks,
  };
  return { path: `results/${kind}.json`, result: run };
}

/** Evidence for every category staging requires, all passing. */
function allRequiredPassing(): LoadedResult[] {
  return [
    result('smoke', [
      check('h', { category: 'health' }),
      check('s', { category: 'smoke' }),
      check('sec', { category: 'security' }),
    ]),
    result('contract', [check('c', { category: 'contract' })]),
    result('load', [check('p', { category: 'performance' })]),
  ];
}

describe('computeScorecard', () => {
  test('all required categories passing is ready with score 100', () => {
    const card = computeScorecard(allRequiredPassing(), stagingProfile, NOW);
    expect(card.verdict).toBe('ready');
    expect(card.score).toBe(100);
  });

  test('a critical failure is not-ready even when the score is high', () => {
    const results = allRequiredPassing();
    results[0]?.result.checks.push(
      ...Array.from({ length: 20 }, (_, i) => check(`ok${i}`, { category: 'smoke' })),
      check('smoke.business.order.create', {
        category: 'smoke',
        severity: 'critical',
        status: 'fail',
        message: 'answered 500',
      }),
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.score).toBeGreaterThan(stagingProfile.gate.minimumScore);
    expect(card.verdict).toBe('not-ready');
    expect(card.reasons[0]).toContain('smoke.business.order.create');
    expect(card.reasons[0]).toContain('answered 500');
  });

  test('a failed login is one reason; its blocked dependents are counted apart, earn nothing and never repeat it', () => {
    const results = allRequiredPassing();
    results[0]?.result.checks.push(
      check('smoke.security.login', {
        category: 'security',
        severity: 'critical',
        status: 'fail',
        message: 'login answered 401',
      }),
      ...Array.from({ length: 12 }, (_, index) =>
        check(`smoke.business.step${index}`, {
          category: 'smoke',
          severity: 'critical',
          status: 'blocked',
          blockedBy: 'smoke.security.login',
        }),
      ),
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.verdict).toBe('not-ready');
    expect(card.reasons.filter((r) => r.includes('login answered 401'))).toHaveLength(1);
    expect(card.reasons[0]).toContain('(12 dependent checks blocked)');
    expect(card.categories.find((c) => c.category === 'smoke')?.counts.blocked).toBe(12);
    expect(card.categories.find((c) => c.category === 'smoke')?.score).toBeLessThan(10);
  });

  test('a missing required category is incomplete, never a pass', () => {
    const card = computeScorecard(
      allRequiredPassing().filter((r) => r.result.kind !== 'load'),
      stagingProfile,
      NOW,
    );
    expect(card.verdict).toBe('incomplete');
    expect(card.reasons.join('\n')).toMatch(/required category performance has no evaluated checks/);
    expect(card.categories.find((c) => c.category === 'performance')?.score).toBeNull();
  });

  test('skipped checks count as no evidence', () => {
    const results = allRequiredPassing();
    const load = results.find((r) => r.result.kind === 'load');
    if (load) load.result.checks = [check('p', { category: 'performance', status: 'skip' })];
    expect(computeScorecard(results, stagingProfile, NOW).verdict).toBe('incomplete');
  });

  test('results older than the freshness window are ignored', () => {
    const results = allRequiredPassing().map((r) =>
      r.result.kind === 'load' ? result('load', r.result.checks, '2026-11-20T00:00:00Z') : r,
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.runs.find((r) => r.kind === 'load')?.fresh).toBe(false);
    expect(card.verdict).toBe('incomplete');
    expect(card.reasons.join('\n')).toContain('(stale, ignored: load 60 h old)');
  });

  test('of several results of one kind the newest counts, wherever it came from', () => {
    const older = result('load', [check('p', { category: 'performance', status: 'fail' })], '2026-11-22T01:00:00Z');
    const newer = result('load', [check('p', { category: 'performance' })], '2026-11-22T09:00:00Z');
    const results = [
      ...allRequiredPassing().filter((r) => r.result.kind !== 'load'),
      { ...newer, path: 'nightly/results/load.json' },
      { ...older, path: 'weekly/results/load.json' },
    ];
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.runs.filter((r) => r.kind === 'load').map((r) => r.path)).toEqual(['nightly/results/load.json']);
    expect(card.verdict).toBe('ready');
  });

  test('evidence about different releases is incomplete and says which judged which', () => {
    const results = allRequiredPassing();
    const provenance = (releaseId: string) => ({ releaseId, harnessVersion: '0.1.0' });
    for (const entry of results) entry.result.provenance = provenance(entry.result.kind === 'load' ? 'v41' : 'v42');
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.verdict).toBe('incomplete');
    expect(card.reasons.join('\n')).toContain(
      'evidence is about different releases (smoke judged v42, contract judged v42, load judged v41)',
    );
    for (const entry of results) entry.result.provenance = provenance('v42');
    const same = computeScorecard(results, stagingProfile, NOW);
    expect(same.verdict).toBe('ready');
    expect(same.releaseId).toBe('v42');
  });

  test('a ready verdict still names failed non-critical checks and skipped critical ones, with the next step', () => {
    const results = allRequiredPassing();
    results[0]?.result.checks.push(
      ...Array.from({ length: 30 }, (_, i) => check(`ok${i}`, { category: 'smoke' })),
      check('smoke.business.payment.webhook', {
        category: 'smoke',
        severity: 'critical',
        status: 'skip',
        message: 'HARNESS_WEBHOOK_SECRET is not set',
      }),
    );
    results[2]?.result.checks.push(
      ...Array.from({ length: 30 }, (_, i) => check(`lok${i}`, { category: 'performance' })),
      check('load.sla.latency', { category: 'performance', status: 'fail' }),
      check('load.sla.endpoint.health', { category: 'performance', status: 'fail' }),
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.verdict).toBe('ready');
    expect(card.reasons[0]).toMatch(/^score .* meets the minimum/);
    expect(card.reasons[1]).toBe(
      '2 non-critical checks failed: load.sla.latency [major], load.sla.endpoint.health [major]; next: read their evidence before promoting',
    );
    expect(card.reasons[2]).toContain(
      'critical check smoke.business.payment.webhook was skipped: HARNESS_WEBHOOK_SECRET is not set; next:',
    );
  });

  test('critical checks that do not apply here (TLS of an http:// target) are named once, without a next step', () => {
    const results = allRequiredPassing();
    const http =
      'not applicable: http://127.0.0.1:3000 is http://; certificate, TLS and HSTS checks apply to https:// targets';
    results[0]?.result.checks.push(
      ...Array.from({ length: 30 }, (_, i) => check(`ok${i}`, { category: 'smoke' })),
      ...['certificate-chain', 'hostname', 'tls-version'].map((id) =>
        check(`smoke.transport.${id}`, { category: 'security', severity: 'critical', status: 'skip', message: http }),
      ),
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    const about = card.reasons.filter((r) => r.includes('smoke.transport.'));
    expect(about).toEqual([
      `smoke.transport.certificate-chain, smoke.transport.hostname, smoke.transport.tls-version: ${http}`,
    ]);
    expect(card.reasons.join('\n')).not.toMatch(/give it what it needs/);
  });

  test("a warning about the project's addition to the contract costs no score; any other warning costs half", () => {
    const scoreWith = (message: string): number | null => {
      const results = allRequiredPassing();
      results[0]?.result.checks.push(
        check('smoke.conformance.login.400', { category: 'smoke', severity: 'critical', status: 'warn', message }),
      );
      return (
        computeScorecard(results, stagingProfile, NOW).categories.find((c) => c.category === 'smoke')?.score ?? null
      );
    };
    expect(scoreWith('the project\'s addition, not the published contract (why): breaks "…"')).toBe(100);
    expect(scoreWith('certificate expires in 20 days')).toBeLessThan(100);
  });

  test('severity weights the category score and category weights the total', () => {
    const results = allRequiredPassing();
    results[0]?.result.checks.push(check('minor-fail', { category: 'health', severity: 'minor', status: 'fail' }));
    const card = computeScorecard(results, stagingProfile, NOW);
    // health: one major pass (2) + one minor fail (1) → 2/3.
    expect(card.categories.find((c) => c.category === 'health')?.score).toBe(66.7);
    const weights = stagingProfile.gate.weights;
    const evaluated = ['health', 'smoke', 'security', 'contract', 'performance'] as const;
    const total = evaluated.reduce((s, c) => s + (weights[c] ?? 0), 0);
    const expected = evaluated.reduce((s, c) => s + (c === 'health' ? 66.7 : 100) * (weights[c] ?? 0), 0) / total;
    expect(card.score).toBeCloseTo(expected, 0);
  });

  test('a score below the minimum is not-ready and says so', () => {
    const results = allRequiredPassing();
    results[0]?.result.checks.push(
      ...Array.from({ length: 5 }, (_, i) => check(`f${i}`, { category: 'smoke', status: 'fail' })),
    );
    const card = computeScorecard(results, stagingProfile, NOW);
    expect(card.verdict).toBe('not-ready');
    expect(card.reasons.join('\n')).toMatch(/below the minimum 90/);
  });

  test('no results at all is incomplete with score 0', () => {
    const card = computeScorecard([], stagingProfile, NOW);
    expect(card.verdict).toBe('incomplete');
    expect(card.score).toBe(0);
  });

  test('results dated in the future are never fresh evidence', () => {
    const future = allRequiredPassing().map((r) => result(r.result.kind, r.result.checks, '2099-01-01T00:00:00Z'));
    const card = computeScorecard(future, stagingProfile, NOW);
    expect(card.verdict).toBe('incomplete');
    expect(card.runs.every((r) => !r.fresh)).toBe(true);
  });

  test('a refused result file makes the verdict incomplete and is named in the reasons', () => {
    const card = computeScorecard(allRequiredPassing(), stagingProfile, NOW, {
      rejected: ['results/chaos.json is dated in the future'],
    });
    expect(card.verdict).toBe('incomplete');
    expect(card.reasons).toContain('refused as evidence: results/chaos.json is dated in the future');
  });

  test('a score that would not be finite is an internal error, never a verdict', () => {
    // Weights the profile schema refuses, handed over directly: the score must not become NaN.
    const huge = {
      ...stagingProfile,
      gate: { ...stagingProfile.gate, weights: { ...stagingProfile.gate.weights, health: 1e308, smoke: 1e308 } },
    };
    expect(() => computeScorecard(allRequiredPassing(), huge, NOW)).toThrow(
      /internal error: overall score computed as NaN/,
    );
  });

  test('an interrupted run is its own outcome, never ready, and says so first', () => {
    const card = computeScorecard(allRequiredPassing(), stagingProfile, NOW, {
      interruption: 'SIGINT during contract',
    });
    expect(card.verdict).toBe('interrupted');
    expect(card.reasons[0]).toBe(
      'the run was interrupted (SIGINT during contract): this is no verdict on the release; run it again to completion',
    );
    // A real failure seen before the interrupt still counts.
    const failed = allRequiredPassing();
    failed[0] = result('smoke', [check('h', { category: 'health', severity: 'critical', status: 'fail' })]);
    expect(computeScorecard(failed, stagingProfile, NOW, { interruption: 'SIGINT during load' }).verdict).toBe(
      'not-ready',
    );
  });
});
