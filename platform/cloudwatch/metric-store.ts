import type { MetricAlarmDefinition } from '../../common/aws-shapes/cloudwatch.ts';
import type { InvocationSample } from '../lambda/invoke-through-alias.ts';

/** What one alarm reads: a metric of AWS/Lambda with a statistic, optionally narrowed by dimensions. */
export type MetricQuery = Pick<MetricAlarmDefinition, 'MetricName' | 'Statistic' | 'Dimensions'>;

/** Samples older than this are dropped; no local alarm looks back further. */
const RETENTION_MS = 10 * 60_000;
/** Under heavy load the oldest samples go sooner, so memory stays bounded (about 20 MB). */
const MAX_SAMPLES = 200_000;

function matches(sample: InvocationSample, dimensions: MetricQuery['Dimensions']): boolean {
  for (const { Name, Value } of dimensions ?? []) {
    if (Name === 'FunctionName' && sample.functionName !== Value) return false;
    if (Name === 'ExecutedVersion' && sample.version !== Value) return false;
    if (Name === 'Resource') {
      // `name:version` names one version; `name:alias` every invocation through the alias.
      const [name, qualifier] = Value.split(':');
      if (sample.functionName !== name) return false;
      if (qualifier && /^\d+$/.test(qualifier) && sample.version !== qualifier) return false;
    }
  }
  return true;
}

/** One period's value of the query, or undefined when nothing was invoked (a missing datapoint). */
export function statistic(query: MetricQuery, samples: InvocationSample[]): number | undefined {
  if (samples.length === 0) return undefined;
  const errors = samples.filter((s) => s.error).length;
  if (query.MetricName === 'ErrorRate') return (errors / samples.length) * 100;
  const values = samples.map((sample) =>
    query.MetricName === 'Duration' ? sample.durationMs : query.MetricName === 'Errors' ? (sample.error ? 1 : 0) : 1,
  );
  const sum = values.reduce((a, b) => a + b, 0);
  switch (query.Statistic) {
    case 'Sum':
      return sum;
    case 'Average':
      return sum / values.length;
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
  }
}

/**
 * Lambda's Invocations, Errors and Duration, kept as raw samples for a few minutes. Samples
 * arrive in the order invocations end, so they are sorted by `at`: an evaluation reads
 * only its own window, from the newest backwards, however long the load test before it.
 */
export class MetricStore {
  #samples: InvocationSample[] = [];

  record(sample: InvocationSample): void {
    this.#samples.push(sample);
    if (this.#samples.length % 1000 === 0) {
      const cutoff = sample.at - RETENTION_MS;
      const firstKept = this.#samples.findIndex((s) => s.at >= cutoff);
      const drop = Math.max(firstKept, this.#samples.length - MAX_SAMPLES);
      if (drop > 0) this.#samples.splice(0, drop);
    }
  }

  /**
   * The last `count` complete periods of `periodMs` before `now`, oldest first; the period
   * still running is not evaluated, as CloudWatch waits for a period to end.
   */
  datapoints(query: MetricQuery, periodMs: number, count: number, now: number): (number | undefined)[] {
    const end = Math.floor(now / periodMs) * periodMs;
    const start = end - count * periodMs;
    const buckets: InvocationSample[][] = Array.from({ length: count }, () => []);
    for (let i = this.#samples.length - 1; i >= 0; i--) {
      const sample = this.#samples[i];
      if (!sample || sample.at < start) break;
      if (sample.at >= end || !matches(sample, query.Dimensions)) continue;
      buckets[Math.floor((sample.at - start) / periodMs)]?.push(sample);
    }
    return buckets.map((bucket) => statistic(query, bucket));
  }

  clear(): void {
    this.#samples = [];
  }
}
