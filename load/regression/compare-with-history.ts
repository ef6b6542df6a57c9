import { loadavg } from 'node:os';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { currentProvenance } from '../../reports/provenance.ts';
import type { Check } from '../../reports/run-result.ts';
import { chooseBaseline, type Baseline } from './choose-baseline.ts';
import { DEFAULT_SHIFT_RULES, judgeShift, type ShiftRules } from './judge-shift.ts';
import type { EndpointSamples } from './k6-points.ts';
import { decodeBuckets, encodeHistogram, expandBuckets } from './latency-histogram.ts';
import {
  baselineCheck,
  REGRESSION_METRICS,
  runWideCheck,
  regressionChecks,
  regressionCharts,
  type EndpointJudgement,
  type RegressionChart,
} from './regression-checks.ts';
import { appendRunRecord, readRunHistory } from './run-history.ts';
import { runWideFactor, type RunWideFactor } from './run-wide-factor.ts';
import { machineNow, type LoadRunRecord } from './run-record.ts';

export const DEFAULT_BASELINE_RUNS = 7;

export interface Comparison {
  baseline: Baseline;
  runWide: RunWideFactor;
  judgements: EndpointJudgement[];
  charts: RegressionChart[];
}

/** A stable seed per endpoint and metric: the same histories always give the same verdict. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

const valuesOf = (record: LoadRunRecord, endpoint: string): number[] => {
  const encoded = record.endpoints[endpoint]?.histogram;
  return encoded ? expandBuckets(decodeBuckets(encoded)) : [];
};

/**
 * The pure comparison: baseline choice, one judgement per endpoint and metric (every endpoint
 * seen now or in the baseline: one that vanished is nodata, not a pass), chart data.
 */
export function compareRun(
  history: readonly LoadRunRecord[],
  current: LoadRunRecord,
  baselineRuns = DEFAULT_BASELINE_RUNS,
  rules: Partial<ShiftRules> = {},
): Comparison {
  const baseline = chooseBaseline(history, current, baselineRuns);
  const endpoints = [
    ...new Set([...Object.keys(current.endpoints), ...baseline.runs.flatMap((r) => Object.keys(r.endpoints))]),
  ].sort();
  const shiftRules = { ...DEFAULT_SHIFT_RULES, ...rules };
  const raw = new Map(
    endpoints.map((e) => [e, { current: valuesOf(current, e), runs: baseline.runs.map((r) => valuesOf(r, e)) }]),
  );
  const samples = (endpoint: string): { current: number[]; runs: number[][] } =>
    raw.get(endpoint) ?? { current: [], runs: [] };
  // Each baseline run is brought to the level of the pooled baseline first (a night on a busier
  // machine is slower everywhere), then this run to the level of the normalised baseline.
  const levelOf = (values: (e: string) => number[], against: (e: string) => number[]): number =>
    runWideFactor(
      endpoints.map((e) => ({ current: values(e), baseline: against(e) })),
      shiftRules.minSamples,
    ).factor;
  const scale = (values: number[], factor: number): number[] => (factor === 1 ? values : values.map((v) => v / factor));
  const pooled = (e: string): number[] => samples(e).runs.flat();
  const runLevels = baseline.runs.map((_, i) => levelOf((e) => samples(e).runs[i] ?? [], pooled));
  const normalised = new Map(
    endpoints.map((e) => [e, samples(e).runs.map((values, i) => scale(values, runLevels[i] ?? 1))]),
  );
  const runWide = runWideFactor(
    endpoints.map((e) => ({ current: samples(e).current, baseline: (normalised.get(e) ?? []).flat() })),
    shiftRules.minSamples,
  );
  const judgements: EndpointJudgement[] = [];
  for (const endpoint of endpoints) {
    const now = scale(samples(endpoint).current, runWide.factor);
    const runs = normalised.get(endpoint) ?? [];
    for (const metric of REGRESSION_METRICS) {
      const judgement = judgeShift(now, runs, {
        ...shiftRules,
        quantile: metric.quantile,
        confidence: metric.confidence,
        seed: seedOf(`${endpoint}.${metric.name}`),
      });
      judgements.push({ endpoint, metric: metric.name, judgement });
    }
  }
  const charts = regressionCharts(judgements, (endpoint) => {
    const { current: now, runs } = samples(endpoint);
    return { current: now, baseline: runs.flat() };
  });
  return { baseline, runWide, judgements, charts };
}

export interface HistoryRun {
  historyDir: string;
  baselineRuns: number;
  environment: string;
  scenario: string;
  profile: string;
  ratePerSecond: number;
  startedAt: Date;
  k6Version: string;
  /** Every check of the run so far passed (no fail, no error, not aborted). */
  green: boolean;
  endpoints: ReadonlyMap<string, EndpointSamples>;
  /** `<reportsDir>/load/<scenario>-<profile>`: the comparison is written next to the run's report. */
  evidenceStem: string;
  evidencePath: (path: string) => string;
}

/** This run as a history record. */
export function loadRunRecord(run: HistoryRun): LoadRunRecord {
  const provenance = currentProvenance();
  const endpoints: LoadRunRecord['endpoints'] = {};
  for (const [name, s] of [...run.endpoints].sort(([a], [b]) => a.localeCompare(b))) {
    endpoints[name] = { requests: s.requests, failed: s.failed, histogram: encodeHistogram(s.histogram) };
  }
  return {
    kind: 'load',
    version: 1,
    startedAt: run.startedAt.toISOString(),
    comparable: {
      environment: run.environment,
      scenario: run.scenario,
      profile: run.profile,
      ratePerSecond: run.ratePerSecond,
    },
    provenance: {
      ...(provenance.releaseId ? { releaseId: provenance.releaseId } : {}),
      ...(provenance.commit ? { commit: provenance.commit } : {}),
      ...(provenance.runUrl ? { runUrl: provenance.runUrl } : {}),
      k6Version: run.k6Version,
      harnessVersion: provenance.harnessVersion,
      machine: machineNow(Math.round((loadavg()[0] ?? 0) * 100) / 100),
    },
    green: run.green,
    endpoints,
  };
}

/**
 * `run load --history DIR`: compares this run with the history, writes the comparison as
 * evidence (`<scenario>-<profile>.regression.json`, read by the scorecard's chart), then adds
 * this run to the history, green only if no regression failed either.
 */
export async function compareWithHistory(run: HistoryRun): Promise<Check[]> {
  const started = Date.now();
  const { records, ignored } = await readRunHistory(run.historyDir);
  const current = loadRunRecord(run);
  const history = records.filter((r): r is LoadRunRecord => r.kind === 'load');
  const comparison = compareRun(history, current, run.baselineRuns);
  if (ignored > 0)
    comparison.baseline.reason += ` (${ignored} file(s) in the history directory are not run records and were ignored)`;
  const evidenceFile = `${run.evidenceStem}.regression.json`;
  await writeFileAtomic(
    evidenceFile,
    `${JSON.stringify(
      {
        baseline: {
          reason: comparison.baseline.reason,
          runs: comparison.baseline.runs.map((run) => ({
            startedAt: run.startedAt,
            releaseId: run.provenance.releaseId,
            commit: run.provenance.commit,
          })),
        },
        current: {
          startedAt: current.startedAt,
          releaseId: current.provenance.releaseId,
          machine: current.provenance.machine,
        },
        runWide: comparison.runWide,
        judgements: comparison.judgements,
        charts: comparison.charts,
      },
      null,
      2,
    )}\n`,
  );
  const evidence = [run.evidencePath(evidenceFile)];
  const durationMs = Date.now() - started;
  const checks = [
    ...regressionChecks(comparison.judgements, comparison.baseline, evidence, durationMs, comparison.runWide.factor),
    runWideCheck(comparison.runWide, evidence, durationMs),
    baselineCheck(comparison.judgements, comparison.baseline, evidence, durationMs),
  ];
  const regressed = comparison.judgements.some((j) => j.judgement.verdict === 'fail');
  await appendRunRecord(run.historyDir, { ...current, green: run.green && !regressed });
  return checks;
}
