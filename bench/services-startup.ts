/**
 * Time from nothing to Postgres and Redis both answering, per service provider: the
 * testcontainers provider in host mode with the offline images (as the project's own tests
 * run it) against native binaries. Prints one JSON line per provider, then the ratio.
 *
 *   node bench/services-startup.ts [runs]
 */
import { nativeProvider } from '../fixtures/services/native-provider.ts';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import type { ServiceProvider } from '../fixtures/services/service-provider.ts';
import { testcontainersProvider } from '../fixtures/services/testcontainers-provider.ts';
import { median } from './median.ts';

export interface StartupMeasurement {
  provider: string;
  medianMs: number;
  runs: number;
  samplesMs: number[];
}

export interface StartupSkip {
  provider: string;
  skipped: string;
}

interface Candidate {
  provider: ServiceProvider;
  env: NodeJS.ProcessEnv;
}

/** One start until both services answer; the dispose afterwards is not timed. */
async function timeOneStart({ provider, env }: Candidate): Promise<number> {
  const started = performance.now();
  const services = await provider.start(env);
  const elapsed = Math.round(performance.now() - started);
  await services.dispose();
  return elapsed;
}

/**
 * Runs the candidates in turns (A, B, A, B, ...), never in parallel, so that load from
 * anything else on the machine falls on both alike and the ratio stays meaningful.
 */
export async function measureServicesStartup(runs = 5): Promise<Array<StartupMeasurement | StartupSkip>> {
  const candidates: Candidate[] = [
    { provider: testcontainersProvider, env: offlineContainerEnv() },
    { provider: nativeProvider, env: process.env },
  ];
  const skips = new Map<string, string>();
  for (const { provider, env } of candidates) {
    const verdict = await provider.applicability(env);
    if (!verdict.applicable) skips.set(provider.name, verdict.reason);
  }
  const samples = new Map<string, number[]>(candidates.map(({ provider }) => [provider.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const candidate of candidates) {
      if (!skips.has(candidate.provider.name))
        samples.get(candidate.provider.name)?.push(await timeOneStart(candidate));
    }
  }
  return candidates.map(({ provider }) => {
    const skipped = skips.get(provider.name);
    if (skipped !== undefined) return { provider: provider.name, skipped };
    const samplesMs = samples.get(provider.name) ?? [];
    return { provider: provider.name, medianMs: median(samplesMs), runs: samplesMs.length, samplesMs };
  });
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 5);
  const [containers, native] = await measureServicesStartup(Number.isInteger(runs) && runs > 0 ? runs : 5);
  for (const result of [containers, native]) console.log(JSON.stringify(result));
  // The ratio only means something when both ran.
  if (containers && native && 'medianMs' in containers && 'medianMs' in native) {
    const value = Math.round((containers.medianMs / native.medianMs) * 100) / 100;
    console.log(JSON.stringify({ ratio: 'testcontainers/native', value }));
  }
}
