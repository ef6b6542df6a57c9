import { describe, expect, test } from 'vitest';
import { HarnessError } from '../common/harness-error.ts';
import { parseLoadArgs } from './load-args.ts';

function usageError(args: string[]): HarnessError {
  try {
    parseLoadArgs(args);
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`expected ${args.join(' ')} to be refused`);
}

describe('load runner arguments', () => {
  test('none: the defaults come from the profile later', () => {
    expect(parseLoadArgs([])).toEqual({ cloud: false, allowProductionLoad: false, help: false });
  });

  test('every option, in both --flag value and --flag=value form', () => {
    expect(
      parseLoadArgs([
        '--scenario',
        'spike',
        '--profile=nightly',
        '--duration',
        '20',
        '--rate=2.5',
        '--emit',
        'k6-operator',
        '--parallelism',
        '4',
        '--image',
        'k6:x',
        '--allow-production-load',
      ]),
    ).toEqual({
      scenario: 'spike',
      profile: 'nightly',
      durationSeconds: 20,
      ratePerSecond: 2.5,
      emit: 'k6-operator',
      parallelism: 4,
      image: 'k6:x',
      cloud: false,
      allowProductionLoad: true,
      help: false,
    });
  });

  test('every mistake in the values is reported at once, with the usage, as exit code 2', () => {
    const error = usageError(['--scenario', 'stress', '--duration', '1.5', '--rate', '0']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('--scenario "stress" is not one of sla, spike, soak');
    expect(error.message).toContain('--duration "1.5" must be a positive whole number');
    expect(error.message).toContain('--rate "0" must be a positive number');
    expect(error.message).toContain('usage: run load');
  });

  test('an unknown option or a missing value stops the parse, with the usage', () => {
    const unknown = usageError(['--scenario', 'sla', '--bogus']);
    expect(unknown.message).toContain("Unknown option '--bogus'");
    expect(unknown.message).toContain('usage: run load');
    expect(usageError(['--profile']).message).toMatch(/'--profile <value>' argument missing/);
  });

  test('a flag is not swallowed as the value of the one before it', () => {
    expect(usageError(['--profile', '--cloud']).message).toMatch(/'--profile' argument is ambiguous/);
  });

  test('conflicting ways to run are refused', () => {
    expect(usageError(['--emit', 'k6-operator', '--cloud']).message).toContain('pick one');
    expect(usageError(['--parallelism', '3']).message).toContain('only apply to --emit k6-operator');
  });

  test('--history takes a directory and --baseline-runs a count, only together and only for local runs', () => {
    expect(parseLoadArgs(['--history', 'h', '--baseline-runs', '10'])).toMatchObject({
      historyDir: 'h',
      baselineRuns: 10,
    });
    expect(usageError(['--baseline-runs', '3']).message).toContain('--baseline-runs only applies with --history DIR');
    expect(usageError(['--history', 'h', '--baseline-runs', '0']).message).toContain(
      '--baseline-runs "0" must be a positive whole number',
    );
    expect(usageError(['--history', 'h', '--cloud']).message).toContain('does not apply to --cloud');
  });
});
