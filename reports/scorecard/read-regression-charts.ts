import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EvidenceResolver } from '../allure/write-allure-results.ts';
import type { DistributionChart } from '../renderers/regression-chart.ts';
import type { ScoredCheck } from './scorecard.ts';

const ChartsSchema = z.looseObject({
  charts: z.array(
    z.object({
      endpoint: z.string(),
      metric: z.string(),
      verdict: z.enum(['pass', 'marginal', 'fail', 'nodata']),
      shiftMs: z.number(),
      baselineMs: z.array(z.number()).max(1000),
      currentMs: z.array(z.number()).max(1000),
    }),
  ),
});

/**
 * The distributions behind the flagged `load.regression.*` checks, from the comparison file
 * each lists as evidence (`<scenario>-<profile>.regression.json`). An unreadable file only
 * costs the chart, never the scorecard.
 */
export async function readRegressionCharts(
  checks: readonly ScoredCheck[],
  locate: EvidenceResolver,
): Promise<DistributionChart[]> {
  const flagged = checks.filter(
    (c) => c.id.startsWith('load.regression.') && (c.status === 'fail' || c.status === 'warn'),
  );
  const files = new Set(flagged.flatMap((c) => (c.evidence ?? []).filter((e) => e.endsWith('.regression.json'))));
  const endpoints = new Set(flagged.map((c) => c.id.split('.')[2]));
  const charts: DistributionChart[] = [];
  for (const entry of files) {
    const path = await locate(entry);
    if (!path) continue;
    const parsed = ChartsSchema.safeParse(
      await readFile(path, 'utf8')
        .then(JSON.parse)
        .catch(() => undefined),
    );
    if (parsed.success) charts.push(...parsed.data.charts.filter((c) => endpoints.has(c.endpoint)));
  }
  return charts;
}
