import type { OrderWrite } from '../traffic/order-write.ts';

function percentile(sorted: readonly number[], percent: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((percent / 100) * sorted.length) - 1)];
}

/** The traffic in a few numbers for the journal: outcomes, which versions answered, latency. */
export function trafficSummary(writes: readonly OrderWrite[]): Record<string, unknown> {
  const count = (outcome: OrderWrite['outcome']): number => writes.filter((w) => w.outcome === outcome).length;
  const versions: Record<string, number> = {};
  for (const w of writes) if (w.executedVersion) versions[w.executedVersion] = (versions[w.executedVersion] ?? 0) + 1;
  const latencies = writes.flatMap((w) => (w.latencyMs === undefined ? [] : [w.latencyMs])).sort((a, b) => a - b);
  return {
    sent: writes.length,
    acknowledged: count('acknowledged'),
    failed: count('failed'),
    unknown: count('unknown'),
    byExecutedVersion: versions,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) },
    firstSentAt: writes[0] ? new Date(writes[0].sentAt).toISOString() : undefined,
  };
}
