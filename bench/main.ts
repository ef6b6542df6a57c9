/**
 * npm run bench: every benchmark, figures as medians and as ratios against a baseline
 * measured in the same run, written to reports/out/bench/ (copy them into BENCHMARKS.md).
 *
 *   node bench/main.ts [--only services|load]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../common/command-line.ts';
import { resolveReportsDir } from '../fixtures/environments/reports-dir.ts';
import { benchLoadCapacity } from './load-capacity.ts';
import { measureServicesStartup } from './services-startup.ts';

const USAGE = 'node bench/main.ts [--only services|load]';
let only: string | undefined;
try {
  ({ only } = parseCommandLine(process.argv.slice(2), { only: { type: 'string' } }, USAGE).values);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(2);
}
if (only && !['services', 'load'].includes(only)) {
  console.error(`error: --only takes services or load, not "${only}"\nusage: ${USAGE}`);
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
    console.log('medianMs' in m ? `services ${m.provider}: median ${m.medianMs} ms over ${m.runs} runs` : `services ${m.provider}: skipped (${m.skipped})`);
  }
  console.log(`services testcontainers/native: ${ratio ?? 'n/a'}`);
}

if (!only || only === 'load') {
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
