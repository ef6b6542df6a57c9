import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Journal } from '../chaos/engine/journal.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from '../platform/test-support/isolated-platform.ts';
import { RunResultSchema, type Check, type RunResult } from '../reports/run-result.ts';
import { DrillPlatformView } from './test-support/drill-platform.ts';
import { PROJECT_ROOT, runCli } from './test-support/run-cli.ts';

/**
 * Each drill against a reference platform that has one quiet bug (HASIVU_TEST_MISBEHAVIOUR):
 * the drill must end with the check that names the bug, where the control plane alone would
 * have passed it. The honest platform passing every drill is `npm run test:chaos` itself and
 * tests/chaos-drills.test.ts.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-chaos-misbehaving-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface DrillRun {
  code: number | null;
  stderr: string;
  checks: Map<string, Check>;
  journal: Journal;
}

async function runDrill(name: string, args: string[], env: Record<string, string>): Promise<DrillRun> {
  const reportsDir = join(dir, name);
  const outcome = await runCli(['run', 'chaos', ...args], { HARNESS_REPORTS_DIR: reportsDir, ...env }, 115_000);
  const result: RunResult = RunResultSchema.parse(
    JSON.parse(await readFile(join(reportsDir, 'results', 'chaos.json'), 'utf8')),
  );
  const journal = JSON.parse(await readFile(join(reportsDir, 'chaos', `${name}-journal.json`), 'utf8')) as Journal;
  return {
    code: outcome.code,
    stderr: outcome.stderr,
    checks: new Map(result.checks.map((c) => [c.id.split('.').at(-1) ?? c.id, c])),
    journal,
  };
}

/** A shipped drill with some fields changed, written where the CLI can read it. */
async function variant(
  shipped: string,
  name: string,
  change: (drill: Record<string, unknown>) => void,
): Promise<string> {
  const drill = JSON.parse(await readFile(join(PROJECT_ROOT, 'chaos', 'drills', `${shipped}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  drill.name = name;
  change(drill);
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(drill));
  return file;
}

describe('drills against a platform with a quiet bug (the CLI starts it with HASIVU_TEST_MISBEHAVIOUR)', () => {
  test('a rollback that leaves a share of orders on the canary while the alias reads clean fails rollback-verified, naming the count', async () => {
    const run = await runDrill('canary-error-rollback', ['--drill', 'canary-error-rollback'], {
      HASIVU_TEST_MISBEHAVIOUR: 'rollback-leak',
    });
    expect(run.code, run.stderr).toBe(1);
    const check = run.checks.get('rollback-verified');
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(
      new RegExp(`^[1-9]\\d* of \\d+ orders ran on version ${run.journal.versions.canary} after the rollback`),
    );
    // The control plane saw nothing wrong: the alias read back clean, the drill's own steps held.
    expect(run.checks.get('left-clean')?.status).toBe('pass');
    expect(run.journal.marks.rollbackAt).toBeDefined();
  });

  test('writes committed but answered 503 during a Redis outage fail committed-despite-error and the service claim', async () => {
    const run = await runDrill('redis-outage', ['--drill', 'redis-outage'], {
      HASIVU_TEST_MISBEHAVIOUR: 'commit-then-fail',
    });
    expect(run.code, run.stderr).toBe(1);
    const check = run.checks.get('committed-despite-error');
    expect(check?.status).toBe('fail');
    expect(check?.measured?.value).toBeGreaterThan(0);
    expect(check?.message).toMatch(/[1-9]\d* committed despite an error/);
    expect(run.checks.get('service-during-fault')?.status).toBe('fail');
    // Acknowledged orders were never the problem: the old check alone would have passed.
    expect(run.checks.get('no-acknowledged-order-lost')?.status).toBe('pass');
  });

  test('an order path that stays broken after health recovers fails mttr with its lower bound; health recovery is a figure apart', async () => {
    const run = await runDrill('postgres-restart', ['--drill', 'postgres-restart'], {
      HASIVU_TEST_MISBEHAVIOUR: 'orders-stay-broken',
    });
    expect(run.code, run.stderr).toBe(1);
    const mttr = run.checks.get('mttr');
    expect(mttr?.status).toBe('fail');
    expect(mttr?.message).toMatch(
      /^recovery not observed within [\d.]+ s of the first observed fault \(MTTR ≥ \d+ ms\); SLA 120 s$/,
    );
    expect(mttr?.measured?.unit).toBe('ms (lower bound)');
    expect(run.checks.get('health-recovery')?.status).toBe('pass');
    expect(run.journal.marks.healthyAt).toBeDefined();
    expect(run.journal.marks.recoveredAt).toBeUndefined();
  });

  test('a rollback later than the drill deadline fails mttr with the measured lower bound, never an error', async () => {
    const file = await variant('canary-error-rollback', 'late-rollback', (drill) => {
      drill.deadlineMs = 25_000;
      for (const step of drill.method as Record<string, unknown>[]) if (step.run === 'alias') step.timeoutMs = 60_000;
    });
    const run = await runDrill('late-rollback', ['--drill-file', file], { HASIVU_TEST_MISBEHAVIOUR: 'late-rollback' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.journal.status).toBe('failed');
    expect(run.journal.reason).toContain('deadline of 25000 ms');
    expect(run.checks.get('outcome')?.status).toBe('fail');
    const mttr = run.checks.get('mttr');
    expect(mttr?.status).toBe('fail');
    expect(mttr?.message).toMatch(/^recovery not observed within [\d.]+ s of the first observed fault .*; SLA 120 s$/);
    expect(mttr?.measured?.value).toBeGreaterThan(10_000);
    expect([...run.checks.values()].filter((c) => c.status === 'error')).toEqual([]);
  });
});

describe('a healthy promotion with another alarm of its deployment group already in ALARM', () => {
  let isolated: IsolatedPlatform;
  let view: DrillPlatformView;
  beforeAll(async () => {
    isolated = await startIsolatedPlatform();
    view = new DrillPlatformView(isolated.platform);
  }, 60_000);
  afterAll(async () => {
    await isolated[Symbol.asyncDispose]();
  });

  test('is aborted before anything is injected, with the alarm named, and its checks are blocked, not failed', async () => {
    const { url, adminToken } = isolated.platform;
    // Missing data counts as breaching and any count is above -1: the alarm holds ALARM whatever the traffic does.
    const response = await fetch(`${url}/_control/cloudwatch/alarms/hasivu-local-duration`, {
      method: 'PUT',
      headers: { 'x-admin-token': adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        Namespace: 'AWS/Lambda',
        MetricName: 'Invocations',
        Statistic: 'SampleCount',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: -1,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
      }),
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(200);
    const versions = (await view.versions()).length;
    const run = await runDrill('canary-healthy-promotes', ['--drill', 'canary-healthy-promotes'], view.cliEnv());
    expect(run.journal.status).toBe('aborted');
    expect(run.journal.reason).toContain('alarm hasivu-local-duration of the deployment group in ALARM');
    expect(run.journal.run).toEqual([]);
    expect((await view.versions()).length, 'nothing was published').toBe(versions);
    const root = run.checks.get('steady-state');
    expect(root?.status).toBe('error');
    expect(run.checks.get('outcome')).toMatchObject({ status: 'blocked', blockedBy: root?.id });
    expect(run.checks.get('zero-failed-requests')).toMatchObject({ status: 'blocked', blockedBy: root?.id });
    expect([...run.checks.values()].filter((c) => c.status === 'fail')).toEqual([]);
  });
});
