import type { RunResult } from '../../reports/run-result.ts';
import type { DrillRunRecord } from './run-record.ts';

const FIGURE = /^chaos\.(.+)\.(outcome|mttr|detection|outage-visible|rollback)$/;

/**
 * The recovery figures of each drill in a chaos result, as history records: MTTR, detection
 * (or, without an alarm, the time until the outage showed) and rollback, in ms. Green when the
 * drill ran through and recovered within its target.
 */
export function drillRecords(result: RunResult): DrillRunRecord[] {
  if (result.kind !== 'chaos') return [];
  const drills = new Map<string, Map<string, RunResult['checks'][number]>>();
  for (const check of result.checks) {
    const match = FIGURE.exec(check.id);
    if (!match?.[1] || !match[2]) continue;
    const figures = drills.get(match[1]) ?? new Map<string, RunResult['checks'][number]>();
    figures.set(match[2], check);
    drills.set(match[1], figures);
  }
  return [...drills].map(([drill, figures]) => {
    const ms = (aspect: string): number | undefined => {
      const measured = figures.get(aspect)?.measured;
      return measured?.unit === 'ms' ? measured.value : undefined;
    };
    const mttrMs = ms('mttr');
    const detectionMs = ms('detection') ?? ms('outage-visible');
    const rollbackMs = ms('rollback');
    const mttr = figures.get('mttr');
    return {
      kind: 'drill',
      version: 1,
      startedAt: result.startedAt,
      environment: result.environment,
      drill,
      ...(result.provenance?.releaseId ? { releaseId: result.provenance.releaseId } : {}),
      ...(result.provenance?.commit ? { commit: result.provenance.commit } : {}),
      green: figures.get('outcome')?.status === 'pass' && (mttr === undefined || mttr.status === 'pass'),
      ...(mttrMs !== undefined ? { mttrMs } : {}),
      ...(detectionMs !== undefined ? { detectionMs } : {}),
      ...(rollbackMs !== undefined ? { rollbackMs } : {}),
    };
  });
}
