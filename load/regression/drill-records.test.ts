import { expect, test } from 'vitest';
import type { Check, RunResult } from '../../reports/run-result.ts';
import { drillRecords } from './drill-records.ts';
import { recordFileName, RunRecordSchema } from './run-record.ts';

const check = (id: string, status: Check['status'], value?: number): Check => ({
  id,
  title: id,
  category: 'resilience',
  severity: 'critical',
  status,
  ...(value === undefined ? {} : { measured: { value, unit: 'ms' } }),
  durationMs: 1,
});

test('a chaos result becomes one record per drill with its MTTR, detection and rollback', () => {
  const result: RunResult = {
    kind: 'chaos',
    environment: 'local',
    target: 'http://127.0.0.1:1',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:05:00.000Z',
    tool: { name: 'drill-engine', version: '1' },
    provenance: { releaseId: 'r7', harnessVersion: '0.1.0' },
    checks: [
      check('chaos.bad-release.outcome', 'pass'),
      check('chaos.bad-release.mttr', 'pass', 41_000),
      check('chaos.bad-release.detection', 'pass', 12_000),
      check('chaos.bad-release.rollback', 'pass', 29_000),
      check('chaos.db-outage.outcome', 'fail'),
      check('chaos.db-outage.mttr', 'error'),
      check('chaos.db-outage.outage-visible', 'pass', 3000),
    ],
  };
  const records = drillRecords(result);
  expect(records.map((r) => RunRecordSchema.parse(r))).toEqual([
    {
      kind: 'drill',
      version: 1,
      startedAt: result.startedAt,
      environment: 'local',
      drill: 'bad-release',
      releaseId: 'r7',
      green: true,
      mttrMs: 41_000,
      detectionMs: 12_000,
      rollbackMs: 29_000,
    },
    {
      kind: 'drill',
      version: 1,
      startedAt: result.startedAt,
      environment: 'local',
      drill: 'db-outage',
      releaseId: 'r7',
      green: false,
      detectionMs: 3000,
    },
  ]);
  expect(recordFileName(records[0]!)).toBe('2026-12-01T00-00-00-000Z-drill-bad-release.json');
  expect(drillRecords({ ...result, kind: 'load' })).toEqual([]);
});
