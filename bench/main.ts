/**
 * npm run bench: every benchmark, figures as medians and as ratios against a baseline
 * measured in the same run, written to reports/out/bench/ (copy them into BENCHMARKS.md).
 *
 *   node bench/main.ts [--only services|load|smoke]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchLoadCapacity } from './load-capacity.ts';
import { measureServicesStartup } from './services-startup.ts';
import { measureSmokeOverhead } from './smoke-overhead.ts';

const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
if (values.only && !['services', 'load', 'smoke'].includes(values.only)) {
  console.error(`error: --only takes services, load or smoke, not "${values.only}"`);
  process.exit(2);
}
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports/out');
const benchDir = join(reportsDir, 'bench');
await mkdir(benchDir, { recursive: true });
const log = (line: string): void => console.error(`bench: ${line}`);

if (!values.only || values.only === 'services') {
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
    console.log('medianMs' in m ? `services ${m.provider}: median ${m.medianMs} ms over ${m.runs} runs` : `services ${m.provider}: skipped (${m.skipped})`);
  }
  console.log(`services testcontainers/native: ${ratio ?? 'n/a'}`);
}

if (!values.only || values.only === 'smoke') {
  log('smoke run against a running platform vs a bare vitest run, 5 runs each, alternating; then 5 local runs');
  const smoke = await measureSmokeOverhead(5);
  await writeFile(join(benchDir, 'smoke-overhead.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...smoke }, null, 2)}\n`);
  console.log(`smoke bare vitest: median ${smoke.bareVitestMedianMs} ms; smoke: median ${smoke.smokeMedianMs} ms`);
  console.log(`smoke overhead over bare vitest: ${smoke.overheadMs} ms (budget 1500 ms), ratio ${smoke.ratio}`);
  console.log(`smoke on local including platform start: median ${smoke.localSmokeMedianMs} ms`);
}

if (!values.only || values.only === 'load') {
  log('load capacity of the reference platform and a bare node:http baseline (about 5 minutes)');
  // load-capacity prefixes its own lines.
  const bench = await benchLoadCapacity({ reportsDir, log: (line) => console.error(line) });
  const cap = (c: { capacity: { requestsPerSecond: number } | null; atCeiling: boolean }): string =>
    c.capacity ? `${c.capacity.requestsPerSecond} req/s${c.atCeiling ? ' (ceiling reached)' : ''}` : 'below the lowest step';
  console.log(`load platform capacity: ${cap(bench.platform)}`);
  console.log(`load baseline capacity: ${cap(bench.baseline)}`);
  console.log(`load capacity platform/baseline: ${bench.ratios.capacity ?? 'n/a'}`);
  console.log(`load ci business p95 platform/baseline: ${bench.ratios.ciBusinessP95 ?? 'n/a'}`);
  console.log(`load written to ${join(benchDir, 'load-capacity.json')}`);
}
