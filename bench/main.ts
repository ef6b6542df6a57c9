/**
 * npm run bench: every benchmark, figures as medians and as ratios against a baseline
 * measured in the same run, written to reports/out/bench/ (copy them into BENCHMARKS.md).
 *
 *   node bench/main.ts [--only services|load|smoke|instances|drill|window|verify|dr|evidence]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../common/command-line.ts';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { resolveReportsDir } from '../fixtures/environments/reports-dir.ts';
import { benchDrillMttr } from './drill-mttr.ts';
import { benchFunctionInstances } from './function-instances.ts';
import { benchLoadCapacity } from './load-capacity.ts';
import { benchDbRestore } from './db-restore-rto.ts';
import { measureServicesStartup } from './services-startup.ts';
import { measureSmokeOverhead } from './smoke-overhead.ts';
import { benchEvidenceSigning } from './evidence-signing.ts';
import { benchVerificationWindow } from './verification-window.ts';
import { benchVerifyDuration } from './verify-duration.ts';

const BENCHES = ['services', 'load', 'smoke', 'instances', 'drill', 'window', 'verify', 'dr', 'evidence'];
const USAGE = `node bench/main.ts [--only ${BENCHES.join('|')}]`;
let only: string | undefined;
try {
  ({ only } = parseCommandLine(process.argv.slice(2), { only: { type: 'string' } }, USAGE).values);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(2);
}
if (only && !BENCHES.includes(only)) {
  console.error(
    `error: --only takes ${BENCHES.slice(0, -1).join(', ')} or ${BENCHES.at(-1)}, not "${only}"\nusage: ${USAGE}`,
  );
  process.exit(2);
}
const reportsDir = resolveReportsDir();
const benchDir = join(reportsDir, 'bench');
await mkdir(benchDir, { recursive: true });
const log = (line: string): void => console.error(`bench: ${line}`);

if (!only || only === 'services') {
  log('services start-up, 5 runs per provider, alternating');
  const measurements = await measureServicesStartup(5);
  const byName = Object.fromEntries(measurements.map((m) => [m.provider, m]));
  const containers = byName.testcontainers;
  const native = byName.native;
  const ratio =
    containers && native && 'medianMs' in containers && 'medianMs' in native
      ? Math.round((containers.medianMs / native.medianMs) * 100) / 100
      : null;
  const result = { measuredAt: new Date().toISOString(), measurements, ratioTestcontainersToNative: ratio };
  await writeFile(join(benchDir, 'services-startup.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const m of measurements) {
    console.log(
      'medianMs' in m
        ? `services ${m.provider}: median ${m.medianMs} ms over ${m.runs} runs`
        : `services ${m.provider}: skipped (${m.skipped})`,
    );
  }
  console.log(`services testcontainers/native: ${ratio ?? 'n/a'}`);
}

if (!only || only === 'smoke') {
  log('smoke run against a running platform vs a bare vitest run, 5 runs each, alternating; then 5 local runs');
  const smoke = await measureSmokeOverhead(5);
  await writeFile(
    join(benchDir, 'smoke-overhead.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...smoke }, null, 2)}\n`,
  );
  console.log(`smoke bare vitest: median ${smoke.bareVitestMedianMs} ms; smoke: median ${smoke.smokeMedianMs} ms`);
  console.log(`smoke overhead over bare vitest: ${smoke.overheadMs} ms (budget 1500 ms), ratio ${smoke.ratio}`);
  console.log(`smoke on local including platform start: median ${smoke.localSmokeMedianMs} ms`);
}

if (!only || only === 'load') {
  log('load capacity of the reference platform and a bare node:http baseline (about 5 minutes)');
  // load-capacity prefixes its own lines.
  const bench = await benchLoadCapacity({ reportsDir, log: (line) => console.error(line) });
  const cap = (c: { capacity: { requestsPerSecond: number } | null; atCeiling: boolean }): string =>
    c.capacity
      ? `${c.capacity.requestsPerSecond} req/s${c.atCeiling ? ' (ceiling reached)' : ''}`
      : 'below the lowest step';
  console.log(`load platform capacity: ${cap(bench.platform)}`);
  console.log(`load baseline capacity: ${cap(bench.baseline)}`);
  console.log(`load capacity platform/baseline: ${bench.ratios.capacity ?? 'n/a'}`);
  console.log(`load ci business p95 platform/baseline: ${bench.ratios.ciBusinessP95 ?? 'n/a'}`);
  console.log(`load written to ${join(benchDir, 'load-capacity.json')}`);
}

if (!only || only === 'instances') {
  log('function instances: Init Duration of each worker, GET /health in process against in a worker');
  const bench = await benchFunctionInstances(30, log);
  await writeFile(join(benchDir, 'function-instances.json'), `${JSON.stringify(bench, null, 2)}\n`);
  console.log(`instances init median: ${bench.initMedianMs} ms over ${bench.initDurationsMs.length} workers`);
  console.log(
    `instances GET /health median: in process ${bench.health.inProcessMedianMs} ms, worker ${bench.health.workerMedianMs} ms, ratio ${bench.health.ratio}`,
  );
}

if (!only || only === 'drill') {
  log('canary-error-rollback MTTR on the local platform, 5 runs against one platform');
  const environment = { ...resolveProfile({ name: 'local' }), reportsDir: join(benchDir, 'drill') };
  const bench = await benchDrillMttr(environment, log);
  await writeFile(
    join(benchDir, 'drill-mttr.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...bench }, null, 2)}\n`,
  );
  const { medians } = bench;
  console.log(
    `drill canary-error-rollback: median MTTR ${medians.mttrMs} ms, detection ${medians.detectionMs} ms, rollback ${medians.rollbackMs} ms over ${bench.runs} runs`,
  );
  console.log(
    `drill recovery-probe floor (5 good orders in a row, healthy): median ${medians.healthyStreakMs} ms; MTTR/floor ${bench.ratioMttrToProbeFloor}`,
  );
}

if (!only || only === 'window') {
  log(
    'run chaos (six drills) with the windows at their own rate vs at the drill rate, 3 rounds alternating (about 6 minutes)',
  );
  const bench = await benchVerificationWindow(3, log);
  await writeFile(
    join(benchDir, 'verification-window.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...bench }, null, 2)}\n`,
  );
  console.log(
    `window run chaos as shipped: median ${bench.shippedMedianMs} ms; windows at the drill rate: ${bench.baselineMedianMs} ms; ratio ${bench.ratio}`,
  );
}

if (!only || only === 'verify') {
  log('verify on local with the fuzz step vs verify --no-fuzz, 2 rounds alternating (about 8 minutes)');
  const bench = await benchVerifyDuration(2, log);
  await writeFile(
    join(benchDir, 'verify-duration.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...bench }, null, 2)}\n`,
  );
  console.log(
    `verify: median ${bench.verifyMedianMs} ms; verify --no-fuzz: ${bench.noFuzzMedianMs} ms; ratio ${bench.ratio}`,
  );
}

if (!only || only === 'dr') {
  log('db-restore RTO, 5 drills alternating with a bare drop + pg_restore');
  const dr = await benchDbRestore(5, log);
  await writeFile(
    join(benchDir, 'db-restore-rto.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...dr }, null, 2)}\n`,
  );
  console.log(`dr db-restore RTO: median ${dr.medianRtoMs} ms over ${dr.runs} runs (${dr.provider})`);
  console.log(`dr restore only: median ${dr.medianRestoreOnlyMs} ms; RTO/restore-only: ${dr.ratio}`);
}

if (!only || only === 'evidence') {
  log('signing and verifying attestations: 5 results of 100 checks and the verdict, 21 rounds alternating');
  const ev = await benchEvidenceSigning(21);
  await writeFile(
    join(benchDir, 'evidence-signing.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...ev }, null, 2)}\n`,
  );
  console.log(
    `evidence write 5 results: median ${ev.writeResultsMedianMs} ms; attest them + verdict: P-256 ${ev.signP256MedianMs} ms, Ed25519 ${ev.signEd25519MedianMs} ms, unsigned ${ev.unsignedMedianMs} ms; ratio P-256/write ${ev.ratioSignToWrite}`,
  );
  console.log(
    `evidence read 5 results: median ${ev.readResultsMedianMs} ms; verify them + verdict (P-256): ${ev.verifyP256MedianMs} ms; ratio ${ev.ratioVerifyToRead}`,
  );
}
