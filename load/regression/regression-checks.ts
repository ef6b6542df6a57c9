import { quantile } from 'simple-statistics';
import type { DistributionChart } from '../../reports/renderers/regression-chart.ts';
import type { Check, Status } from '../../reports/run-result.ts';
import type { Baseline } from './choose-baseline.ts';
import type { ShiftJudgement, ShiftVerdict } from './judge-shift.ts';
import type { RunWideFactor } from './run-wide-factor.ts';

/** The metrics judged per endpoint: the tail the SLA is about, and the typical request. */
export const REGRESSION_METRICS = [
  // A tail quantile of a short run rests on a handful of requests: it must clear a wider (99 %) interval.
  { name: 'p95', quantile: 0.95, confidence: 0.99, severity: 'major' },
  { name: 'p50', quantile: 0.5, confidence: 0.95, severity: 'minor' },
] as const;

export type MetricName = (typeof REGRESSION_METRICS)[number]['name'];

export interface EndpointJudgement {
  endpoint: string;
  metric: MetricName;
  judgement: ShiftJudgement;
}

/** A flagged endpoint's two distributions, for the scorecard's chart (quantiles 0, 2.5 %, … 100 %). */
export type RegressionChart = DistributionChart;

const STATUS_OF: Record<ShiftVerdict, Status> = { pass: 'pass', marginal: 'warn', fail: 'fail', nodata: 'skip' };

const ms = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`;

function message(judged: EndpointJudgement, baseline: Baseline, factor: number): string {
  const { judgement: s } = judged;
  if (s.verdict === 'nodata' || s.shiftMs === undefined || !s.interval || s.floorMs === undefined)
    return `nodata: ${s.why ?? 'too few samples'}`;
  const [low, high] = s.interval;
  const level = `${Math.round((REGRESSION_METRICS.find((m) => m.name === judged.metric)?.confidence ?? 0.95) * 100)} %`;
  const figure =
    `${judged.metric} ${s.currentMs?.toFixed(1)} ms vs baseline ${s.baselineMs?.toFixed(1)} ms: ${ms(s.shiftMs)} ` +
    `(${level} interval ${ms(low)} … ${ms(high)}; floor ${s.floorMs.toFixed(1)} ms; ` +
    `${s.currentSamples} requests now, ${s.baselineSamples} in ${s.baselineRuns} baseline run(s)` +
    `${factor === 1 ? '' : `; this run's latencies divided by the run-wide factor ×${factor.toFixed(2)}`})`;
  const verdict =
    s.verdict === 'fail'
      ? `REGRESSION: slower by more than the floor, with ${level} confidence`
      : s.verdict === 'marginal'
        ? `marginal: slower by more than the floor, but not with ${level} confidence`
        : s.improved
          ? `improvement: faster by more than the floor, with ${level} confidence`
          : 'no regression beyond the floor';
  return `${verdict}. ${figure}. ${baseline.reason}`;
}

/** One check per endpoint and metric: `load.regression.<endpoint>.<metric>`, category performance. */
export function regressionChecks(
  judgements: readonly EndpointJudgement[],
  baseline: Baseline,
  evidence: string[],
  durationMs: number,
  runWideFactor = 1,
): Check[] {
  return judgements.map((judged) => {
    const meta = REGRESSION_METRICS.find((m) => m.name === judged.metric);
    const s = judged.judgement;
    return {
      id: `load.regression.${judged.endpoint}.${judged.metric}`,
      title: `${judged.endpoint} ${judged.metric} is not slower than the last good runs`,
      category: 'performance',
      severity: meta?.severity ?? 'minor',
      status: STATUS_OF[s.verdict],
      ...(s.shiftMs !== undefined && s.floorMs !== undefined
        ? {
            measured: { value: Math.round(s.shiftMs * 10) / 10, unit: 'ms shift', target: `<+${s.floorMs.toFixed(1)}` },
          }
        : {}),
      message: message(judged, baseline, runWideFactor),
      evidence,
      durationMs,
    };
  });
}

/**
 * The check that says what the comparison was made against: `pass` when a baseline was found
 * (the per-endpoint checks carry the verdicts), `skip` when there was none.
 */
export function baselineCheck(
  judgements: readonly EndpointJudgement[],
  baseline: Baseline,
  evidence: string[],
  durationMs: number,
): Check {
  const count = (v: ShiftVerdict): number => judgements.filter((j) => j.judgement.verdict === v).length;
  const improved = judgements.filter((j) => j.judgement.improved).map((j) => `${j.endpoint} ${j.metric}`);
  const tally =
    `${count('fail')} regression(s), ${count('marginal')} marginal, ${count('pass')} pass, ${count('nodata')} nodata` +
    (improved.length > 0 ? `; faster: ${improved.join(', ')}` : '');
  return {
    id: 'load.regression.baseline',
    title: 'latency is compared with the last good runs at the same profile and rate',
    category: 'performance',
    severity: 'minor',
    status: baseline.runs.length > 0 ? 'pass' : 'skip',
    message: `${baseline.reason}. ${tally}`,
    evidence,
    durationMs,
  };
}

/** Every endpoint slower (or faster) by this factor or more: reported as a warning. */
const RUN_WIDE_WARN = 1.25;

/**
 * The run-wide factor as its own check: `warn` when every endpoint was at least a quarter
 * slower alike, which a release can do but so can a busier machine or network; never `fail`.
 */
export function runWideCheck(runWide: RunWideFactor, evidence: string[], durationMs: number): Check {
  const base = {
    id: 'load.regression.run-wide',
    title: 'the run as a whole is not slower than the last good runs',
    category: 'performance' as const,
    severity: 'minor' as const,
    evidence,
    durationMs,
  };
  if (runWide.endpoints < 3)
    return {
      ...base,
      status: 'skip',
      message: `nodata: ${runWide.endpoints} endpoint(s) with enough requests on both sides, at least 3 are needed`,
    };
  const f = runWide.factor;
  const words = `median endpoint ×${f.toFixed(2)} of its baseline median (${runWide.endpoints} endpoints); endpoints are judged relative to this`;
  return {
    ...base,
    status: f >= RUN_WIDE_WARN ? 'warn' : 'pass',
    measured: { value: Math.round(f * 100) / 100, unit: '×', target: `<${RUN_WIDE_WARN}` },
    message:
      f >= RUN_WIDE_WARN
        ? `every endpoint slower alike: ${words}. A release can do this, and so can a busier machine or network: compare the machine's load average in the regression evidence`
        : f <= 1 / RUN_WIDE_WARN
          ? `improvement: every endpoint faster alike: ${words}`
          : words,
  };
}

const CHART_STEPS = Array.from({ length: 41 }, (_, i) => i / 40);

/** Chart data for every endpoint flagged (fail or marginal) at any metric, its worst metric first. */
export function regressionCharts(
  judgements: readonly EndpointJudgement[],
  samples: (endpoint: string) => { current: number[]; baseline: number[] },
): RegressionChart[] {
  const flagged = judgements
    .filter((j) => j.judgement.verdict === 'fail' || j.judgement.verdict === 'marginal')
    .sort((a, b) => (a.judgement.verdict === 'fail' ? 0 : 1) - (b.judgement.verdict === 'fail' ? 0 : 1));
  const charts: RegressionChart[] = [];
  for (const j of flagged) {
    if (charts.some((c) => c.endpoint === j.endpoint)) continue;
    const { current, baseline } = samples(j.endpoint);
    if (current.length === 0 || baseline.length === 0) continue;
    charts.push({
      endpoint: j.endpoint,
      metric: j.metric,
      verdict: j.judgement.verdict,
      shiftMs: j.judgement.shiftMs ?? 0,
      baselineMs: quantile(baseline, CHART_STEPS).map((v) => Math.round(v * 100) / 100),
      currentMs: quantile(current, CHART_STEPS).map((v) => Math.round(v * 100) / 100),
    });
  }
  return charts;
}
