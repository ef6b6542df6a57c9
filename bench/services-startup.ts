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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Starts and disposes `provider` `runs` times; only the start (until both answer) is timed. */
export async function measureProvider(
  provider: ServiceProvider,
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<StartupMeasurement | StartupSkip> {
  const verdict = await provider.applicability(env);
  if (!verdict.applicable) return { provider: provider.name, skipped: verdict.reason };
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const services = await provider.start(env);
    samplesMs.push(Math.round(performance.now() - started));
    await services.dispose();
  }
  return { provider: provider.name, medianMs: median(samplesMs), runs, samplesMs };
}

export async function measureServicesStartup(runs = 5): Promise<Array<StartupMeasurement | StartupSkip>> {
  // One after the other: measured in parallel, each would slow the other down.
  const containers = await measureProvider(testcontainersProvider, offlineContainerEnv(), runs);
  const native = await measureProvider(nativeProvider, process.env, runs);
  return [containers, native];
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 5);
  const [containers, native] = await measureServicesStartup(Number.isInteger(runs) && runs > 0 ? runs : 5);
  for (const result of [containers, native]) console.log(JSON.stringify(result));
  if (containers && native && 'medianMs' in containers && 'medianMs' in native) {
    const value = Math.round((containers.medianMs / native.medianMs) * 100) / 100;
    console.log(JSON.stringify({ ratio: 'testcontainers/native', value }));
  }
}
