import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The part of k6's handleSummary data the runner reads (k6's legacy summary format,
 * which k6 2.x still hands to handleSummary). Anything else in the file is kept as
 * evidence but not interpreted.
 */
export const K6MetricSchema = z.object({
  type: z.enum(['counter', 'gauge', 'rate', 'trend']),
  contains: z.string().optional(),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});

const K6CheckSchema = z.object({ name: z.string(), passes: z.number(), fails: z.number() });

export const K6SummarySchema = z.object({
  metrics: z.record(z.string(), K6MetricSchema),
  state: z.object({ testRunDurationMs: z.number() }).loose(),
  // Checks made in the default function; setup()'s sit in a nested group and are not needed.
  root_group: z
    .object({ checks: z.array(K6CheckSchema).default([]) })
    .loose()
    .optional(),
});

export type K6Metric = z.infer<typeof K6MetricSchema>;
export type K6Summary = z.infer<typeof K6SummarySchema>;

export type SummaryRead = { summary: K6Summary; raw: string } | { problem: string };

/** Reads what handleSummary wrote; a missing or odd file is explained, not thrown. */
export async function readK6Summary(path: string): Promise<SummaryRead> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    return { problem: `k6 wrote no summary at ${path} (it stopped before handleSummary ran)` };
  }
  try {
    const parsed = K6SummarySchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { summary: parsed.data, raw };
    return {
      problem: `k6's summary at ${path} has an unexpected shape: ${z.prettifyError(parsed.error)}`,
    };
  } catch {
    return { problem: `k6's summary at ${path} is not JSON` };
  }
}

export function metricValue(summary: K6Summary, metric: string, stat: string): number | undefined {
  return summary.metrics[metric]?.values[stat];
}

/** A threshold's verdict by metric key and expression; undefined when k6 did not evaluate it. */
export function thresholdOk(summary: K6Summary, metric: string, expression: string): boolean | undefined {
  return summary.metrics[metric]?.thresholds?.[expression]?.ok;
}
