import type { Check, Status } from '../reports/run-result.ts';
import { expression, thresholdSpecs, type ThresholdSpec } from './catalog/thresholds.ts';
import { metricValue, thresholdOk, type K6Summary } from './k6-summary.ts';
import type { EndpointFigures, LoadReport } from './load-report.ts';
import type { ResolvedLoad } from './resolve-load-plan.ts';

export interface RunFacts {
  /** k6's abortOnFail stopped the run early. */
  thresholdAbort: boolean;
  /** k6 warned that it ran out of VUs. */
  insufficientVUs: boolean;
  /** k6 itself failed (setup error, script exception): what it said. */
  k6Failure?: string;
  evidence: string[];
  durationMs: number;
}

const pct = (ratio: number): number => Math.round(ratio * 10_000) / 100;
const round = (n: number): number => Math.round(n);

/** Why the latency verdict cannot be trusted, or undefined when k6 kept the requested rate. */
export function invalidity(report: LoadReport, facts: RunFacts): string | undefined {
  const reasons: string[] = [];
  if (report.achieved.droppedIterations > 0) reasons.push(`k6 dropped ${report.achieved.droppedIterations} iterations`);
  if (report.achieved.peakVUs >= report.requested.maxVUs || facts.insufficientVUs) {
    reasons.push(`all ${report.requested.maxVUs} VUs were busy at once`);
  }
  if (facts.k6Failure) reasons.push(`k6 failed: ${facts.k6Failure}`);
  return reasons.length > 0 ? reasons.join(' and ') : undefined;
}

/**
 * The time of a wrong answer says nothing about the time of a right one: when responses failed
 * their own checks (or the error-rate limit), a fast latency figure is not evidence of speed.
 */
function answersFailed(load: ResolvedLoad, summary: K6Summary): string | undefined {
  const failing = thresholdSpecs(load.plan).filter(
    (spec) =>
      (spec.role === 'errors' || spec.role === 'checks') &&
      thresholdOk(summary, spec.metric, expression(spec)) === false,
  );
  return failing.length > 0
    ? `responses failed their own checks (${failing.map((s) => s.metric).join(', ')})`
    : undefined;
}

/** Endpoints of a kind over the limit (when failing), or the slowest one (when passing). */
function culprits(endpoints: EndpointFigures[], kind: string, stat: 'p95' | 'p99', limit: number, ok: boolean): string {
  const measuredOnes = endpoints
    .filter((e) => e.kind === kind && e[stat] !== undefined)
    .sort((a, b) => (b[stat] ?? 0) - (a[stat] ?? 0));
  const shown = ok ? measuredOnes.slice(0, 1) : measuredOnes.filter((e) => (e[stat] ?? 0) >= limit);
  const list = shown.map((e) => `${e.endpoint} ${stat} ${round(e[stat] ?? 0)} ms`).join(', ');
  return list ? `; ${ok ? 'slowest' : 'over the limit'}: ${list}` : '';
}

function latencyMessage(spec: ThresholdSpec, value: number, ok: boolean, report: LoadReport): string {
  const stat = spec.stat === 'p(99)' ? 'p99' : 'p95';
  const e = spec.endpoint ? report.endpoints.find((x) => x.endpoint === spec.endpoint) : undefined;
  const verdict = ok ? 'under' : 'NOT under';
  if (e) {
    return `${e.endpoint} ${stat} ${round(value)} ms, ${verdict} ${spec.limit} ms (p50 ${round(e.p50 ?? 0)}, p95 ${round(e.p95 ?? 0)}, p99 ${round(e.p99 ?? 0)} ms; ${e.requests} requests, ${e.failed} failed)`;
  }
  const kind = spec.metric.includes('kind:health') ? 'health' : 'business';
  // Per-endpoint figures cover the whole run, so they cannot explain one phase of it.
  const named = spec.metric.includes('phase:') ? '' : culprits(report.endpoints, kind, stat, spec.limit, ok);
  return `${stat} ${round(value)} ms, ${verdict} ${spec.limit} ms${named}`;
}

function errorsMessage(spec: ThresholdSpec, value: number, ok: boolean, report: LoadReport): string {
  const worst = report.endpoints
    .filter((e) => e.failed > 0)
    .sort((a, b) => b.failed / b.requests - a.failed / a.requests)
    .slice(0, 4)
    .map((e) => `${e.endpoint} ${e.failed}/${e.requests}`)
    .join(', ');
  return `${pct(value)} % of requests failed, ${ok ? 'under' : 'NOT under'} ${pct(spec.limit)} %${worst ? `; failed by endpoint: ${worst}` : ''}`;
}

function checksMessage(spec: ThresholdSpec, value: number, ok: boolean, summary: K6Summary): string {
  const failing = (summary.root_group?.checks ?? [])
    .filter((c) => c.fails > 0)
    .map((c) => `"${c.name}" ${c.fails}/${c.passes + c.fails}`)
    .join(', ');
  return `${pct(value)} % of response checks passed, ${ok ? 'above' : 'NOT above'} ${pct(spec.limit)} %${failing ? `; failing: ${failing}` : ''}`;
}

function measured(spec: ThresholdSpec, value: number): Check['measured'] {
  if (spec.unit === 'ms') return { value: round(value), unit: 'ms', target: `${spec.op}${spec.limit}` };
  return { value: pct(value), unit: '%', target: `${spec.op}${pct(spec.limit)}` };
}

function achievedCheck(
  spec: ThresholdSpec,
  report: LoadReport,
  invalid: string | undefined,
): Omit<Check, 'id' | 'durationMs'> {
  const { achieved, requested } = report;
  const figures =
    `${achieved.iterationsPerSecond}/${requested.iterationsPerSecond} iterations/s and ${achieved.requestsPerSecond}/${requested.requestsPerSecond} requests/s achieved/requested; ` +
    `${achieved.iterations} iterations started, ${achieved.droppedIterations} dropped (ratio ${achieved.ratio}), peak ${achieved.peakVUs}/${requested.maxVUs} VUs busy`;
  return {
    title: spec.title,
    category: 'performance',
    severity: spec.severity,
    status: invalid ? 'fail' : 'pass',
    measured: { value: achieved.ratio, unit: 'ratio', target: '=1 (0 dropped)' },
    message: invalid
      ? `${figures}. Latency verdicts are invalid: ${invalid}, so requests that should have been sent were never timed; raise the profile's maxVUs or lower the rate`
      : figures,
  };
}

function driftCheck(load: ResolvedLoad, summary: K6Summary): Omit<Check, 'id' | 'durationMs'> {
  const early = metricValue(summary, 'http_req_duration{kind:business,phase:early}', 'p(95)');
  const late = metricValue(summary, 'http_req_duration{kind:business,phase:late}', 'p(95)');
  const base = {
    title: 'Business p95 does not drift between the first and last tenth of the soak',
    category: 'performance' as const,
    severity: 'minor' as const,
  };
  if (early === undefined || late === undefined) {
    return {
      ...base,
      status: 'skip',
      message: 'the soak did not reach both its early and late windows',
    };
  }
  // Noise at low latencies is large in relative terms, so small absolute growth is tolerated.
  const limit = Math.max(early * 1.5, early + 100);
  const drifted = late > limit;
  return {
    ...base,
    status: drifted ? 'warn' : 'pass',
    measured: { value: round(late), unit: 'ms', target: `<=${round(limit)}` },
    message: `p95 ${round(early)} ms in the first tenth, ${round(late)} ms in the last${drifted ? ': latency grows over time (leak, bloat, slow query?)' : ''} (${load.plan.durationSeconds} s soak)`,
  };
}

/**
 * Maps k6's threshold outcomes to scorecard checks, one per threshold, with stable
 * ids. A latency pass is only a pass if k6 kept the rate; otherwise it is reported as
 * an error (not evaluated) beside a failed `rate.achieved` check that says why.
 */
export function loadChecks(load: ResolvedLoad, summary: K6Summary, report: LoadReport, facts: RunFacts): Check[] {
  const invalid = invalidity(report, facts);
  // Why a latency pass here is not evidence: missing load, or answers that were wrong.
  const latencyDoubt = [invalid, answersFailed(load, summary)].filter(Boolean).join(' and ') || undefined;
  const early = facts.thresholdAbort
    ? ` k6 stopped the run early (abortOnFail) after ${report.achieved.runSeconds} s.`
    : '';
  const prefix = `load.${load.plan.scenario}`;
  const common = { durationMs: facts.durationMs, evidence: facts.evidence };
  const checks: Check[] = thresholdSpecs(load.plan).map((spec) => {
    const id = `${prefix}.${spec.id}`;
    if (spec.role === 'dropped') return { id, ...achievedCheck(spec, report, invalid), ...common };
    const value = metricValue(summary, spec.metric, spec.stat);
    const ok = thresholdOk(summary, spec.metric, expression(spec));
    const base = {
      id,
      title: spec.title,
      category: 'performance' as const,
      severity: spec.severity,
      ...common,
    };
    // A trend with no samples reports zeros, which would pass any latency target.
    const count = spec.unit === 'ms' ? metricValue(summary, spec.metric, 'count') : undefined;
    if (value === undefined || ok === undefined || count === 0) {
      return {
        ...base,
        status: 'skip',
        message: `no samples for ${spec.metric}: no request of this kind was made in this run`,
      };
    }
    const text =
      spec.role === 'latency'
        ? latencyMessage(spec, value, ok, report)
        : spec.role === 'errors'
          ? errorsMessage(spec, value, ok, report)
          : checksMessage(spec, value, ok, summary);
    // Missing load can only hide slowness: a latency fail stands, a latency pass is not evidence.
    const unproven = spec.role === 'latency' && latencyDoubt !== undefined;
    const status: Status = !ok ? 'fail' : unproven ? 'error' : 'pass';
    const caveat = unproven
      ? ` (not a valid verdict: ${latencyDoubt}${invalid ? `; see ${prefix}.rate.achieved` : ''})`
      : '';
    const message = `${unproven && ok ? 'not a valid pass: ' : ''}${text}${caveat}.${ok ? '' : early}`;
    return { ...base, status, measured: measured(spec, value), message };
  });
  if (load.plan.scenario === 'soak')
    checks.push({ id: `${prefix}.latency.drift`, ...driftCheck(load, summary), ...common });
  return checks;
}
