import { describe, expect, test } from 'vitest';
import { parseChaosArgs } from './chaos-args.ts';

describe('run chaos arguments', () => {
  test('shipped drills by name, drill files, dry run and the DR flag', () => {
    expect(
      parseChaosArgs(['--drill', 'redis-outage', '--drill=postgres-restart', '--drill-file', 'x.json', '--dry-run']),
    ).toEqual({
      drills: ['redis-outage', 'postgres-restart'],
      drillFiles: ['x.json'],
      dryRun: true,
      dr: false,
      allowProductionChaos: false,
      cleanup: false,
      canaryFromLatest: false,
    });
    expect(parseChaosArgs(['--dr']).dr).toBe(true);
  });

  test('--adapter aws|local and --canary-from-latest', () => {
    expect(parseChaosArgs(['--adapter', 'aws', '--canary-from-latest'])).toMatchObject({
      adapter: 'aws',
      canaryFromLatest: true,
    });
    expect(parseChaosArgs(['--adapter=local']).adapter).toBe('local');
    expect(() => parseChaosArgs(['--adapter', 'gcp'])).toThrow(
      /--adapter "gcp" is not an adapter; use --adapter aws or --adapter local/,
    );
  });

  test('--emit fis-template, --cleanup and the database drills', () => {
    expect(parseChaosArgs(['--emit', 'fis-template']).emit).toBe('fis-template');
    expect(parseChaosArgs(['--cleanup']).cleanup).toBe(true);
    expect(parseChaosArgs(['--drill', 'db-restore', '--drill', 'db-restore-late-writes']).drills).toEqual([
      'db-restore',
      'db-restore-late-writes',
    ]);
    expect(() => parseChaosArgs(['--emit', 'terraform', '--cleanup', '--dry-run'])).toThrow(
      /--emit "terraform" is not something run chaos can write; use --emit fis-template; --emit and --cleanup run no drill/,
    );
    expect(() => parseChaosArgs(['--emit', 'fis-template', '--cleanup'])).toThrow(/separate runs/);
  });

  test('every problem at once, naming the drills that exist', () => {
    expect(() => parseChaosArgs(['--drill', 'nope', '--drill', 'nada'])).toThrow(
      /--drill "nope" is neither a shipped drill nor one in the config's drillsDir; use one of canary-error-rollback, .*; --drill "nada" is neither/,
    );
    expect(() => parseChaosArgs(['--frobnicate'])).toThrow(
      /run chaos: Unknown option '--frobnicate'[\s\S]*usage: run chaos/,
    );
    expect(() => parseChaosArgs(['--drill-file'])).toThrow(/--drill-file/);
    expect(() => parseChaosArgs(['--dr', '--drill', 'redis-outage'])).toThrow(/--dr runs every shipped drill/);
  });
});

describe('the disaster-recovery stamp', () => {
  test('names the quarter the evidence belongs to', async () => {
    const { quarterOf } = await import('./chaos-runner.ts');
    expect(quarterOf(new Date('2026-12-01T12:00:00Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2027-06-30T23:59:59Z'))).toBe('2027-Q2');
  });
});
