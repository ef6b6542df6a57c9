import { cpus, hostname } from 'node:os';
import { z } from 'zod';

/**
 * One load run as the history keeps it: what was measured per endpoint (an HDR histogram,
 * compressed base64, plus request and failure counts), what it is comparable with, and where
 * it came from. A few hundred bytes per endpoint, so a history of a year of nights stays small
 * enough for a CI cache.
 */
export const LoadRunRecordSchema = z
  .object({
    kind: z.literal('load'),
    version: z.literal(1),
    startedAt: z.iso.datetime(),
    /** Runs are comparable only when all of these are equal. */
    comparable: z
      .object({
        environment: z.string(),
        scenario: z.string(),
        profile: z.string(),
        ratePerSecond: z.number().positive(),
      })
      .strict(),
    provenance: z
      .object({
        releaseId: z.string().optional(),
        commit: z.string().optional(),
        runUrl: z.string().optional(),
        k6Version: z.string(),
        harnessVersion: z.string(),
        machine: z.object({ host: z.string(), cpu: z.string(), cores: z.number(), loadAverage: z.number() }).strict(),
      })
      .strict(),
    /** Every check of the run passed: only green runs become a baseline. */
    green: z.boolean(),
    endpoints: z.record(
      z.string(),
      z
        .object({
          requests: z.number().int().nonnegative(),
          failed: z.number().int().nonnegative(),
          /** HdrHistogram compressed base64, microseconds. */
          histogram: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

/** One drill run: its recovery figures, for the same kind of comparison across nights. */
export const DrillRunRecordSchema = z
  .object({
    kind: z.literal('drill'),
    version: z.literal(1),
    startedAt: z.iso.datetime(),
    environment: z.string(),
    drill: z.string(),
    releaseId: z.string().optional(),
    commit: z.string().optional(),
    green: z.boolean(),
    mttrMs: z.number().nonnegative().optional(),
    detectionMs: z.number().nonnegative().optional(),
    rollbackMs: z.number().nonnegative().optional(),
  })
  .strict();

export const RunRecordSchema = z.discriminatedUnion('kind', [LoadRunRecordSchema, DrillRunRecordSchema]);

export type LoadRunRecord = z.infer<typeof LoadRunRecordSchema>;
export type DrillRunRecord = z.infer<typeof DrillRunRecordSchema>;
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** The machine a run was measured on: latency figures are only as good as the machine was quiet. */
export function machineNow(loadAverage: number): LoadRunRecord['provenance']['machine'] {
  const cpu = cpus();
  return { host: hostname(), cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, loadAverage };
}

/** File name of a record: sortable by time, and saying what it is. */
export function recordFileName(record: RunRecord): string {
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  const what =
    record.kind === 'load'
      ? `load-${record.comparable.scenario}-${record.comparable.profile}-${record.comparable.ratePerSecond}`
      : `drill-${record.drill}`;
  return `${stamp}-${what}.json`.replace(/[^A-Za-z0-9._-]/g, '_');
}
