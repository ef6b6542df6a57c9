/**
 * How often the load regression gate cries wolf, and how small a slowdown it finds, on this
 * machine at the ci profile (10 iterations/s, 30 s), with the real platform and the real k6:
 *
 * 1. A/A: `runs` runs of the same release with nothing changed. Each run is judged against
 *    the history as `run load --history` judges it (live: baselines grow from 2 to 7 runs),
 *    and again leave-one-out (each run against the last 7 of the others, replayed).
 * 2. Sensitivity: `runs` runs with HASIVU_ADDED_DELAY_MS=<function>:<ms> (one endpoint slower),
 *    each judged against the green A/A history: the gate must flag that endpoint and no other.
 * 3. Smallest shift: the A/A runs replayed leave-one-out with a fixed delay added to every
 *    request of one endpoint (1, 2, 3, 5, 8, 13 ms): the smallest detected in at least 9 of 10.
 *
 * Every run's record is kept in <reportsDir>/bench/load-regression-history/ (recorded
 * distributions, replayable). Writes <reportsDir>/bench/load-regression.json.
 *
 *   node bench/load-regression.ts [--runs 10] [--seconds 30] [--delay getMenu:5] [--endpoint menus]
 *   node bench/load-regression.ts --replay <history dir> [--runs 10]   (figures again from recorded runs)
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { parseCommandLine } from '../common/command-line.ts';
import { registerSecret } from '../common/redact.ts';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { resolveReportsDir } from '../fixtures/environments/reports-dir.ts';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { startServices } from '../fixtures/services/resolve-services.ts';
import { bundleScenarios } from '../load/bundle-scenarios.ts';
import { findK6 } from '../load/find-k6.ts';
import { compareRun, loadRunRecord } from '../load/regression/compare-with-history.ts';
import { replayWithShift } from '../load/regression/replay-shift.ts';
import { appendRunRecord, readRunHistory } from '../load/regression/run-history.ts';
import type { LoadRunRecord } from '../load/regression/run-record.ts';
import { resolveLoad } from '../load/resolve-load-plan.ts';
import { executeK6 } from '../load/run-local-k6.ts';
import { startPlatform } from '../platform/start-platform.ts';

const USAGE =
  'node bench/load-regression.ts [--runs 10] [--seconds 30] [--delay getMenu:5] [--endpoint menus] [--replay HISTORY_DIR]';
const { values } = parseCommandLine(
  process.argv.slice(2),
  {
    runs: { type: 'string' },
    seconds: { type: 'string' },
    delay: { type: 'string' },
    endpoint: { type: 'string' },
    replay: { type: 'string' },
  },
  USAGE,
);
const runs = Number(values.runs ?? 10);
const seconds = Number(values.seconds ?? 30);
const delay = values.delay ?? 'getMenu:5';
const endpoint = values.endpoint ?? 'menus';
const SHIFTS_MS = [1, 2, 3, 5, 8, 13];

const log = (line: string): void => console.error(`bench: ${line}`);
const reportsDir = resolveReportsDir();
const benchDir = join(reportsDir, 'bench');
const historyDir = join(benchDir, 'load-regression-history');
const { profile } = resolveProfile({ name: 'local', env: {} });
const load = resolveLoad(profile, {
  profile: 'ci',
  durationSeconds: seconds,
  cloud: false,
  allowProductionLoad: false,
  help: false,
});

interface RunFigures {
  phase: 'aa' | 'delay';
  loadAverage: number;
  thresholdsOk: boolean;
  /** Endpoint.metric of every fail / marginal. */
  failed: string[];
  marginal: string[];
  nodata: number;
  baselineRuns: number;
}

const history: LoadRunRecord[] = [];
const figures: RunFigures[] = [];

async function measure(
  phase: RunFigures['phase'],
  env: NodeJS.ProcessEnv,
  services: { postgres: { url: string }; redis: { url: string } },
): Promise<void> {
  const lookup = await findK6();
  if (!('found' in lookup)) throw new Error(lookup.missing);
  const k6 = lookup.found;
  const [bundle] = await bundleScenarios(['sla']);
  if (!bundle) throw new Error('no sla bundle');
  await using platform = await startPlatform({ databaseUrl: services.postgres.url, redisUrl: services.redis.url, env });
  registerSecret(platform.demoParent.password);
  for (let i = 0; i < runs; i++) {
    const startedAt = new Date();
    const outcome = await executeK6({
      k6,
      bundlePath: bundle.path,
      load,
      baseUrl: platform.url,
      ...platform.demoParent,
      evidenceDir: join(benchDir, 'load-regression-runs'),
      log: () => undefined,
      signal: new AbortController().signal,
    });
    if (!outcome.endpoints || !outcome.measured)
      throw new Error(`run ${i + 1}: k6 measured nothing: ${outcome.problem ?? ''}`);
    // Nothing changed between these runs, so each is a valid baseline even when a fixed SLA
    // threshold broke on a busy machine: only the gate's own verdict decides here.
    const thresholdsOk = outcome.measured.report.thresholds.every((t) => t.ok !== false);
    const record = loadRunRecord({
      historyDir,
      baselineRuns: 7,
      environment: 'local',
      scenario: load.plan.scenario,
      profile: load.plan.profile,
      ratePerSecond: load.plan.ratePerSecond,
      startedAt,
      k6Version: k6.version,
      green: true,
      endpoints: outcome.endpoints,
      evidenceStem: '',
      evidencePath: (p) => p,
    });
    const { judgements, baseline } = compareRun(history, record);
    const named = (v: string): string[] =>
      judgements.filter((j) => j.judgement.verdict === v).map((j) => `${j.endpoint}.${j.metric}`);
    const run: RunFigures = {
      phase,
      loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      thresholdsOk,
      failed: named('fail'),
      marginal: named('marginal'),
      nodata: named('nodata').length,
      baselineRuns: baseline.runs.length,
    };
    figures.push(run);
    const kept = { ...record, green: record.green && run.failed.length === 0 };
    history.push(kept);
    await appendRunRecord(historyDir, kept);
    log(
      `${phase} run ${i + 1}/${runs}: load ${run.loadAverage}, baseline ${run.baselineRuns} run(s), fail [${run.failed.join(', ')}], marginal [${run.marginal.join(', ')}]`,
    );
  }
}

if (values.replay) {
  const { records } = await readRunHistory(values.replay);
  const loads = records.filter((r): r is LoadRunRecord => r.kind === 'load');
  await report(loads.slice(0, runs), loads.slice(runs, 2 * runs), []);
} else {
  await rm(historyDir, { recursive: true, force: true });
  await using services = await startServices({ env: offlineContainerEnv(), log });
  log(`A/A: ${runs} runs of ${seconds} s at ${load.plan.ratePerSecond} iterations/s`);
  await measure('aa', process.env, services);
  log(`sensitivity: ${runs} runs with HASIVU_ADDED_DELAY_MS=${delay}`);
  await measure('delay', { ...process.env, HASIVU_ADDED_DELAY_MS: delay }, services);
  await report(history.slice(0, runs), history.slice(runs), figures);
}

/**
 * The figures, replayed from the records (so a change to the judgement can be measured again
 * on the same distributions). The A/A runs are all baselines: nothing changed between them.
 */
async function report(
  aaRecords: LoadRunRecord[],
  delayedRecords: LoadRunRecord[],
  perRun: RunFigures[],
): Promise<void> {
  const aa = aaRecords.map((r) => ({ ...r, green: true }));
  const failedOf = (history: LoadRunRecord[], current: LoadRunRecord): string[] =>
    compareRun(history, current)
      .judgements.filter((j) => j.judgement.verdict === 'fail')
      .map((j) => `${j.endpoint}.${j.metric}`);
  const sequential = aa.slice(2).map((current, i) => failedOf(aa.slice(0, i + 2), current));
  const delayed = delayedRecords.map((current) => failedOf(aa, current));
  const onlyThat = (failed: string[]): boolean =>
    failed.length > 0 && failed.every((id) => id.startsWith(`${endpoint}.`));
  const replay = replayWithShift(aa, endpoint, [0, ...SHIFTS_MS]);
  const loads = [...aa, ...delayedRecords].map((r) => r.provenance.machine.loadAverage);
  const result = {
    measuredAt: new Date().toISOString(),
    runs: aa.length,
    seconds,
    ratePerSecond: aa[0]?.comparable.ratePerSecond,
    delay,
    endpoint,
    loadAverage: { min: Math.min(...loads), max: Math.max(...loads), perRun: loads },
    aaSequential: {
      comparisons: sequential.length,
      withoutRegression: sequential.filter((f) => f.length === 0).length,
      flagged: sequential,
    },
    aaLeaveOneOut: replay.find((r) => r.shiftMs === 0),
    sensitivity: { runs: delayed.length, flaggedThatEndpointOnly: delayed.filter(onlyThat).length, flagged: delayed },
    smallestShift: replay.filter((r) => r.shiftMs > 0),
    smallestReliableShiftMs:
      replay.find((r) => r.shiftMs > 0 && r.flaggedThatEndpointOnly >= Math.ceil(0.9 * r.comparisons))?.shiftMs ?? null,
    perRun,
  };
  await writeFileAtomic(
    join(benchDir, values.replay ? 'load-regression-replay.json' : 'load-regression.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  console.log(JSON.stringify({ ...result, perRun: undefined }, null, 2));
}
