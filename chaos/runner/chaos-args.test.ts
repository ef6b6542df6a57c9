import { describe, expect, test } from 'vitest';
import { parseChaosArgs } from './chaos-args.ts';

describe('run chaos arguments', () => {
  test('shipped drills by name, drill files, dry run and the DR flag', () => {
    expect(parseChaosArgs(['--drill', 'redis-outage', '--drill=postgres-restart', '--drill-file', 'x.json', '--dry-run'])).toEqual({
      drills: ['redis-outage', 'postgres-restart'],
      drillFiles: ['x.json'],
      dryRun: true,
      dr: false,
      allowProductionChaos: false,
    });
    expect(parseChaosArgs(['--dr']).dr).toBe(true);
  });

  test('every problem at once, naming the drills that exist', () => {
    expect(() => parseChaosArgs(['--drill', 'nope', '--frobnicate', '--drill-file'])).toThrow(
      /--drill "nope" is not a shipped drill; use one of canary-error-rollback, .*; unknown option "--frobnicate".*; --drill-file needs a value/,
    );
    expect(() => parseChaosArgs(['--dr', '--drill', 'redis-outage'])).toThrow(/--dr runs every shipped drill/);
  });
});
