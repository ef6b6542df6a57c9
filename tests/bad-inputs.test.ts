import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, type CliOutcome } from './test-support/run-cli.ts';

/**
 * Bad input, black-box: each case is one thing a hostile or careless user does. Every one must
 * end with exit code 2 and a first line that names the problem and the fix, never a stack.
 */
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hasivu-verify-bad-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
async function freshReportsDir(): Promise<string> {
  counter += 1;
  const dir = join(root, `reports-${counter}`);
  await mkdir(join(dir, 'results'), { recursive: true });
  return dir;
}

function firstLine(outcome: CliOutcome): string {
  return outcome.stderr.split('\n')[0] ?? '';
}

function expectRefused(outcome: CliOutcome, first: RegExp): void {
  expect(outcome.timedOut).toBe(false);
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(firstLine(outcome)).toMatch(first);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

const REMOTE = 'http://127.0.0.1:9';
const NOT_USABLE = /^error: The local environment is not usable: /;

/** Each category weight set to zero. */
const ALL_WEIGHTS_ZERO = Object.fromEntries(
  ['HEALTH', 'SMOKE', 'SECURITY', 'CONTRACT', 'INTEGRATION', 'PERFORMANCE', 'RESILIENCE'].map((category) => [
    `HARNESS_GATE_WEIGHTS_${category}`,
    '0',
  ]),
);

describe.concurrent('bad profile values and variables are refused before anything starts', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a weight of 1e308',
      { HARNESS_GATE_WEIGHTS_HEALTH: '1e308' },
      /gate\.weights\.health: must be at most 1000 \(set by HARNESS_GATE_WEIGHTS_HEALTH\)/,
    ],
    ['all category weights zero', ALL_WEIGHTS_ZERO, /at least one category weight must be above 0/],
    [
      'all severity weights zero',
      {
        HARNESS_GATE_SEVERITY_WEIGHTS_CRITICAL: '0',
        HARNESS_GATE_SEVERITY_WEIGHTS_MAJOR: '0',
        HARNESS_GATE_SEVERITY_WEIGHTS_MINOR: '0',
      },
      /at least one severity weight must be above 0/,
    ],
    [
      'a negative severity weight',
      { HARNESS_GATE_SEVERITY_WEIGHTS_MAJOR: '-1' },
      /gate\.severityWeights\.major: .*HARNESS_GATE_SEVERITY_WEIGHTS_MAJOR/,
    ],
    ['a zero request timeout', { HARNESS_TARGET_REQUEST_TIMEOUT_MS: '0' }, /target\.requestTimeoutMs: .*>=1/],
    [
      'a request timeout over 10 minutes',
      { HARNESS_TARGET_REQUEST_TIMEOUT_MS: '600001' },
      /at most 600000 ms \(10 minutes\)/,
    ],
    [
      'an infinite timeout',
      { HARNESS_SLA_HEALTH_LATENCY_MS: 'Infinity' },
      /HARNESS_SLA_HEALTH_LATENCY_MS="Infinity" is not a number/,
    ],
    ['NaN as an error rate', { HARNESS_SLA_ERROR_RATE_MAX: 'NaN' }, /HARNESS_SLA_ERROR_RATE_MAX="NaN" is not a number/],
    ['an error rate above 1', { HARNESS_SLA_ERROR_RATE_MAX: '5' }, /sla\.errorRateMax: .*HARNESS_SLA_ERROR_RATE_MAX/],
    [
      'an absurd load rate',
      { HARNESS_LOAD_CI_RATE_PER_SECOND: '1e9' },
      /load\.ci\.ratePerSecond: .*10000 \(set by HARNESS_LOAD_CI_RATE_PER_SECOND\)/,
    ],
    [
      'an absurd request-rate cap',
      { HARNESS_PROTECTIONS_MAX_REQUEST_RATE: '1e9' },
      /protections\.maxRequestRate: .*HARNESS_PROTECTIONS_MAX_REQUEST_RATE/,
    ],
    [
      'a freshness window of a billion hours',
      { HARNESS_FRESHNESS_HOURS_SMOKE: '1e9' },
      /freshnessHours\.smoke: must be at most 8784 hours/,
    ],
    [
      'a zero freshness window',
      { HARNESS_FRESHNESS_HOURS_SMOKE: '0' },
      /freshnessHours\.smoke: .*HARNESS_FRESHNESS_HOURS_SMOKE/,
    ],
    [
      'a negative minimum score',
      { HARNESS_GATE_MINIMUM_SCORE: '-5' },
      /gate\.minimumScore: .*HARNESS_GATE_MINIMUM_SCORE/,
    ],
    [
      'a response cap of a terabyte',
      { HARNESS_TARGET_MAX_RESPONSE_BYTES: '1e12' },
      /target\.maxResponseBytes: .*HARNESS_TARGET_MAX_RESPONSE_BYTES/,
    ],
    ['a non-integer VU count', { HARNESS_LOAD_CI_MAX_VUS: '2.5' }, /load\.ci\.maxVUs: .*HARNESS_LOAD_CI_MAX_VUS/],
    [
      'credentials in the base URL',
      { HARNESS_BASE_URL: 'http://parent:Sx9-hunter2@127.0.0.1:9' },
      /target\.baseUrl: must not carry credentials .*set the password in HARNESS_USER_PASSWORD/,
    ],
    [
      'a base URL without a scheme',
      { HARNESS_BASE_URL: 'localhost:3000' },
      /give one like https:\/\/api\.staging\.example\.com or http:\/\/127\.0\.0\.1:3000 \(set by HARNESS_BASE_URL\)/,
    ],
    [
      'a base URL that is not http',
      { HARNESS_BASE_URL: 'ftp://127.0.0.1/' },
      /target\.baseUrl: is not an absolute http\(s\) URL/,
    ],
    ['an empty password variable', { HARNESS_USER_PASSWORD: '' }, /HARNESS_USER_PASSWORD is set but empty/],
    ['a blank webhook secret', { HARNESS_WEBHOOK_SECRET: '   ' }, /HARNESS_WEBHOOK_SECRET is set but empty/],
    [
      'a profile file that does not exist',
      { HARNESS_PROFILE_FILE: '/nonexistent/profile.json' },
      /HARNESS_PROFILE_FILE=\/nonexistent\/profile\.json cannot be read/,
    ],
  ];
  test.each(cases)('%s', async (_, env, says) => {
    const outcome = await runCli(['check'], { HARNESS_REPORTS_DIR: await freshReportsDir(), ...env });
    expectRefused(outcome, new RegExp(`${NOT_USABLE.source}.*${says.source}`));
    expect(outcome.stderr).not.toContain('Sx9-hunter2');
  });

  test('a profile file with a weight that would overflow the score', async () => {
    const file = join(root, 'huge-weights.json');
    await writeFile(file, JSON.stringify({ gate: { weights: { health: 1e308, smoke: 1e308 } } }));
    const outcome = await runCli(['check'], {
      HARNESS_REPORTS_DIR: await freshReportsDir(),
      HARNESS_PROFILE_FILE: file,
    });
    expectRefused(outcome, /^error: The local environment is not usable:$/);
    expect(outcome.stderr).toMatch(
      /gate\.weights\.health: must be at most 1000 \(set by profile "local" or .*huge-weights\.json\)/,
    );
  });

  test('a suite that logs in, on a remote target, without the password', async () => {
    const outcome = await runCli(['run', 'smoke'], {
      HARNESS_REPORTS_DIR: await freshReportsDir(),
      HARNESS_BASE_URL: REMOTE,
    });
    expectRefused(
      outcome,
      /^error: HARNESS_USER_PASSWORD is not set, but smoke logs in as .*; set it to that account's password/,
    );
  });

  test('verify on a remote target without the password', async () => {
    const outcome = await runCli(['verify', '--env', 'staging'], {
      HARNESS_REPORTS_DIR: await freshReportsDir(),
      HARNESS_BASE_URL: REMOTE,
    });
    expectRefused(outcome, /^error: HARNESS_USER_PASSWORD is not set, but smoke and load log in/);
  });
});

describe.concurrent('an unusable reports directory is refused before anything starts', () => {
  test('a file where the directory should be', async () => {
    const file = join(root, 'reports-is-a-file');
    await writeFile(file, 'not a directory');
    const outcome = await runCli(['run', 'smoke'], {
      HARNESS_REPORTS_DIR: file,
      HARNESS_BASE_URL: REMOTE,
      HARNESS_USER_PASSWORD: 'pw-unused-1',
    });
    expectRefused(
      outcome,
      /reports-is-a-file cannot be written \(.*\); point HARNESS_REPORTS_DIR at a writable directory$/,
    );
  });

  test('a directory below a file', async () => {
    const file = join(root, 'plain-file');
    await writeFile(file, '');
    const outcome = await runCli(['check'], { HARNESS_REPORTS_DIR: join(file, 'out') });
    expectRefused(outcome, /plain-file\/out cannot be written \(part of the path is a file\)/);
  });
});

function runResult(kind: string, overrides: Record<string, unknown> = {}): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    kind,
    environment: 'local',
    target: REMOTE,
    startedAt: now,
    finishedAt: now,
    tool: { name: 'vitest', version: '5.1.1' },
    checks: [{ id: `${kind}.x`, title: 'x', category: 'health', severity: 'major', status: 'pass', durationMs: 1 }],
    ...overrides,
  });
}

describe.concurrent('result files the gate must not trust are refused, one line each, and nothing hangs', () => {
  async function checkWith(prepare: (results: string) => Promise<void>): Promise<{ outcome: CliOutcome; dir: string }> {
    const dir = await freshReportsDir();
    await prepare(join(dir, 'results'));
    return { outcome: await runCli(['check'], { HARNESS_REPORTS_DIR: dir, HARNESS_BASE_URL: REMOTE }, 30_000), dir };
  }

  const cases: Array<[string, (results: string) => Promise<void>, RegExp]> = [
    [
      'a result dated in 2099',
      (reportsDir) =>
        writeFile(
          join(reportsDir, 'smoke.json'),
          runResult('smoke', { startedAt: '2099-01-01T00:00:00.000Z', finishedAt: '2099-01-01T00:01:00.000Z' }),
        ),
      /smoke\.json is dated in the future \(finishedAt 2099-01-01T00:01:00\.000Z, now .*\); check the clock/,
    ],
    [
      'a result that finished before it started',
      (reportsDir) =>
        writeFile(
          join(reportsDir, 'smoke.json'),
          runResult('smoke', { startedAt: '2026-11-30T10:00:00.000Z', finishedAt: '2026-11-30T09:00:00.000Z' }),
        ),
      /smoke\.json finished \(2026-11-30T09:00:00\.000Z\) before it started/,
    ],
    [
      'a load result saved as smoke.json',
      (reportsDir) => writeFile(join(reportsDir, 'smoke.json'), runResult('load')),
      /smoke\.json holds a load result, not smoke; delete it/,
    ],
    [
      'a directory named smoke.json',
      (reportsDir) => mkdir(join(reportsDir, 'smoke.json')),
      /smoke\.json is not a regular file \(it is a directory\)/,
    ],
    [
      'a named pipe named smoke.json',
      (reportsDir) => {
        execFileSync('mkfifo', [join(reportsDir, 'smoke.json')]);
        return Promise.resolve();
      },
      /smoke\.json is not a regular file \(it is a named pipe\)/,
    ],
    [
      'a symlink to a device',
      (reportsDir) => symlink('/dev/zero', join(reportsDir, 'load.json')),
      /load\.json is not a regular file \(it is a device\)/,
    ],
    [
      'a result file of 17 MB',
      async (reportsDir) => {
        await writeFile(join(reportsDir, 'contract.json'), '');
        await truncate(join(reportsDir, 'contract.json'), 17 * 1024 * 1024);
      },
      /contract\.json is 17825792 bytes, more than a result can be/,
    ],
    [
      'an empty result file',
      (reportsDir) => writeFile(join(reportsDir, 'smoke.json'), ''),
      /smoke\.json is not valid JSON; delete it and run the smoke suite again/,
    ],
    [
      'a check with a negative duration',
      (reportsDir) =>
        writeFile(
          join(reportsDir, 'smoke.json'),
          runResult('smoke', {
            checks: [{ id: 'a', title: 'a', category: 'health', severity: 'major', status: 'pass', durationMs: -1 }],
          }),
        ),
      /smoke\.json does not match the RunResult schema: checks\[0\]\.durationMs: .*got -1; delete it/,
    ],
    [
      'a check with an unknown status',
      (reportsDir) =>
        writeFile(
          join(reportsDir, 'smoke.json'),
          runResult('smoke', {
            checks: [{ id: 'a', title: 'a', category: 'health', severity: 'major', status: 'green', durationMs: 1 }],
          }),
        ),
      /checks\[0\]\.status: expected "pass" or .*got "green"/,
    ],
  ];
  test.each(cases)('%s', async (_, prepare, says) => {
    const { outcome, dir } = await checkWith(prepare);
    expectRefused(outcome, new RegExp(`^error: .*${says.source}`));
    // A check that cannot judge leaves a scorecard that says so, never an older verdict.
    const card = JSON.parse(await readFile(join(dir, 'scorecard.json'), 'utf8')) as {
      verdict: string;
      reasons: string[];
    };
    expect(card.verdict).toBe('incomplete');
    expect(card.reasons.join('\n')).toMatch(/refused as evidence: /);
  });

  test('an older ready scorecard does not survive a check that cannot judge', async () => {
    const { outcome, dir } = await checkWith(async (reportsDir) => {
      await writeFile(join(reportsDir, '..', 'scorecard.json'), JSON.stringify({ verdict: 'ready', score: 100 }));
      await writeFile(join(reportsDir, 'smoke.json'), '{"kind": "smoke", truncated');
    });
    expectRefused(outcome, /smoke\.json is not valid JSON/);
    const card = JSON.parse(await readFile(join(dir, 'scorecard.json'), 'utf8')) as { verdict: string };
    expect(card.verdict).toBe('incomplete');
  });
});

describe.concurrent('two runs on one reports directory', () => {
  test('the second is refused and told who holds the directory', async () => {
    const dir = await freshReportsDir();
    // This test process plays the first run: alive, so its lock holds.
    await writeFile(
      join(dir, '.lock'),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        command: 'verify --env dev',
        startedAt: '2026-12-01T10:00:00.000Z',
      }),
    );
    const outcome = await runCli(['check'], { HARNESS_REPORTS_DIR: dir, HARNESS_BASE_URL: REMOTE });
    expectRefused(
      outcome,
      new RegExp(
        `^error: .*reports-\\d+ is in use by "verify --env dev" \\(pid ${process.pid} on .*, started 2026-12-01T10:00:00\\.000Z\\); wait for it to finish, or point HARNESS_REPORTS_DIR at another directory$`,
      ),
    );
  });

  test('a lock left by a run that was killed is taken over', async () => {
    const dir = await freshReportsDir();
    await writeFile(
      join(dir, '.lock'),
      JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), command: 'verify', startedAt: '2026-12-01T10:00:00.000Z' }),
    );
    const outcome = await runCli(['check'], { HARNESS_REPORTS_DIR: dir, HARNESS_BASE_URL: REMOTE });
    // Ran, found no evidence: incomplete (3), not refused (2).
    expect(outcome.code).toBe(3);
    await expect(readFile(join(dir, '.lock'))).rejects.toThrow(/ENOENT/);
  });
});

describe.concurrent('command-line misuse', () => {
  test('check with an argument it does not take', async () => {
    expectRefused(await runCli(['check', 'now'], {}), /^error: Unexpected argument 'now'/);
  });
  test('--env without its value', async () => {
    expectRefused(await runCli(['check', '--env'], {}), /^error: Option '--env <value>' argument missing$/);
  });
  test('--env= with an empty value is blamed on --env, not on HARNESS_ENV', async () => {
    expectRefused(
      await runCli(['check', '--env='], {}),
      /^error: --env needs a profile name; use one of local, dev, staging, production$/,
    );
  });
  test('run smoke --env without its value', async () => {
    expectRefused(await runCli(['run', 'smoke', '--env'], {}), /^error: Option '--env <value>' argument missing$/);
  });
  test.each([
    ['an unbalanced expression', '((', /unexpected end of expression/],
    ['an undeclared tag', 'nosuch', /The tag pattern "nosuch" is not defined/],
    ['an empty expression', '', /unexpected end of expression/],
  ])('--tags with %s is refused before anything starts, and nothing is written', async (_, tags, why) => {
    const dir = join(root, `tags-${tags.length}-${Math.random().toString(36).slice(2, 8)}`);
    const outcome = await runCli(['run', 'smoke', `--tags=${tags}`], { HARNESS_REPORTS_DIR: dir });
    expectRefused(
      outcome,
      new RegExp(
        `^error: --tags "${tags.replace(/[()]/g, '\\$&')}" is not a valid tag expression \\(.*${why.source}.*\\); use tags smoke, health`,
      ),
    );
    await expect(readFile(join(dir, 'results', 'smoke.json'))).rejects.toThrow(/ENOENT/);
  });
  test('run without a suite', async () => {
    expectRefused(await runCli(['run'], {}), /^error: run needs a suite: smoke \| contract/);
  });
  test('an unknown environment', async () => {
    expectRefused(
      await runCli(['check', '--env', 'prod'], {}),
      /^error: Unknown environment "prod" \(from --env\); use one of /,
    );
  });
});
