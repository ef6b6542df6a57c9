import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { waitFor } from '../common/wait-for.ts';
import { withTimeout } from '../common/with-timeout.ts';
import type { Journal } from '../chaos/engine/journal.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from '../platform/test-support/isolated-platform.ts';
import { RunResultSchema, type RunResult } from '../reports/run-result.ts';
import { DrillPlatformView } from './test-support/drill-platform.ts';
import { cliEnv, PROJECT_ROOT, runCli } from './test-support/run-cli.ts';
import { groupAlive } from './test-support/process-group.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-chaos-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readResult(reportsDir: string): Promise<RunResult> {
  return RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'chaos.json'), 'utf8')));
}

async function readJournal(reportsDir: string, drill: string): Promise<Journal> {
  return JSON.parse(await readFile(join(reportsDir, 'chaos', `${drill}-journal.json`), 'utf8')) as Journal;
}

describe('npm run test:chaos against the platform it starts', () => {
  test('canary-error-rollback: alarm, automatic rollback, recovery measured, no acknowledged order lost, exit 0', async () => {
    const reportsDir = join(dir, 'full');
    const outcome = await runCli(
      ['run', 'chaos', '--drill', 'canary-error-rollback'],
      { HARNESS_REPORTS_DIR: reportsDir },
      120_000,
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    const result = await readResult(reportsDir);
    expect(result.checks.map((c) => c.id)).toEqual([
      'chaos.canary-error-rollback.outcome',
      'chaos.canary-error-rollback.mttr',
      'chaos.canary-error-rollback.detection',
      'chaos.canary-error-rollback.rollback',
      'chaos.canary-error-rollback.rollback-verified',
      'chaos.canary-error-rollback.recovery-holds',
      'chaos.canary-error-rollback.alert-delivered',
      'chaos.canary-error-rollback.no-acknowledged-order-lost',
      'chaos.canary-error-rollback.committed-despite-error',
      'chaos.canary-error-rollback.left-clean',
    ]);
    expect(result.checks.every((c) => c.status === 'pass' && c.category === 'resilience')).toBe(true);
    expect(result.checks.find((c) => c.id.endsWith('.no-acknowledged-order-lost'))?.severity).toBe('critical');
    const mttr = result.checks.find((c) => c.id.endsWith('.mttr'))?.measured;
    expect(mttr?.unit).toBe('ms');
    expect(mttr?.value).toBeGreaterThan(0);
    const evidence = result.checks[0]?.evidence?.[0] ?? '';
    expect(evidence).toMatch(/chaos\/canary-error-rollback-journal\.json$/);

    const journal = await readJournal(reportsDir, 'canary-error-rollback');
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(false);
    // The timeline is in order: the fault is seen, the alarm fires, the alias comes back, orders recover.
    const { firstFaultAt, alarmAt, rollbackAt, recoveredAt } = journal.marks;
    const times = [firstFaultAt, alarmAt, rollbackAt, recoveredAt].map((t) => Date.parse(t ?? ''));
    expect(times.every(Number.isFinite)).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const orders = journal.extra.orders as { acknowledged: number; failed: number; lost: unknown[] };
    expect(orders.acknowledged).toBeGreaterThan(0);
    expect(orders.failed, 'the bad canary really failed some orders').toBeGreaterThan(0);
    expect(orders.lost).toEqual([]);
    // The rollback is proved by the traffic: a window of about 300 answered orders after it, none on the canary.
    const verification = journal.extra.verification as {
      leak: { requests: number; onRolledBack: number; detectableLeakRate: number };
    };
    expect(verification.leak.onRolledBack).toBe(0);
    expect(verification.leak.requests).toBeGreaterThanOrEqual(299);
    expect(verification.leak.detectableLeakRate).toBeLessThanOrEqual(0.01);
    // Every failed write was retried with its own key: the bad canary had committed none of them.
    const reconciliation = journal.extra.reconciliation as {
      retried: number;
      committedDespiteError: unknown[];
      createdOnRetry: number;
    };
    expect(reconciliation.retried).toBe(orders.failed);
    expect(reconciliation.committedDespiteError).toEqual([]);
  });

  test('with HASIVU_AUTO_ROLLBACK=off, the drill fails: rollback not observed within the deadline, exit 1', async () => {
    const reportsDir = join(dir, 'no-rollback');
    const outcome = await runCli(
      ['run', 'chaos', '--drill', 'canary-error-rollback'],
      { HARNESS_REPORTS_DIR: reportsDir, HASIVU_AUTO_ROLLBACK: 'off' },
      120_000,
    );
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.stderr).toContain('rollback not observed within the deadline');
    const result = await readResult(reportsDir);
    const byId = new Map(result.checks.map((c) => [c.id, c]));
    expect(byId.get('chaos.canary-error-rollback.outcome')?.status).toBe('fail');
    expect(byId.get('chaos.canary-error-rollback.outcome')?.message).toContain(
      'rollback not observed within the deadline',
    );
    // The drill's own rollbacks still put the platform back.
    expect(byId.get('chaos.canary-error-rollback.left-clean')?.status).toBe('pass');
  });
});

/** A probe that never holds: the drill waits here until the test interrupts it. */
const HOLD = {
  name: 'hold here',
  type: 'probe',
  run: 'http',
  method: 'GET',
  path: '/health/live',
  tolerance: 418,
  timeoutMs: 60_000,
};
const READY = {
  name: 'ready',
  type: 'probe',
  run: 'http',
  method: 'GET',
  path: '/health/ready',
  tolerance: 200,
  timeoutMs: 10_000,
};
const QUIET = {
  name: 'error alarm OK',
  type: 'probe',
  run: 'alarm',
  alarm: 'hasivu-local-error-rate',
  state: 'OK',
  timeoutMs: 20_000,
};
const PUBLISH_BAD = {
  name: 'publish a bad release',
  type: 'action',
  run: 'publish-version',
  behaviour: { errorRate: 1 },
};
const deploy = (autoRollback: boolean, alarms: string[]): Record<string, unknown> => ({
  name: 'deploy the canary',
  type: 'action',
  run: 'start-deployment',
  version: '$canary',
  canaryPercentage: 20,
  canaryInterval: 60,
  alarms,
  autoRollback,
});
const FAULT_SEEN = { name: 'orders fail', type: 'probe', run: 'traffic', condition: 'fault', timeoutMs: 15_000 };
const ALARM = {
  name: 'alarm fires',
  type: 'probe',
  run: 'alarm',
  alarm: 'hasivu-local-error-rate',
  state: 'ALARM',
  timeoutMs: 20_000,
};

function drillFile(name: string, steadyState: unknown[], method: unknown[]): Record<string, unknown> {
  return {
    name,
    title: `interrupted ${name}`,
    function: 'createOrder',
    requires: ['release-control', 'fault-injection'],
    deadlineMs: 90_000,
    traffic: { ratePerSecond: 10, maxRequests: 900, requestTimeoutMs: 5000, slowMs: 2000 },
    steadyStateHypothesis: { title: 'ready', probes: steadyState },
    method,
    rollbacks: [
      { name: 'stop experiments', type: 'action', run: 'stop-experiments' },
      { name: 'stop the deployment', type: 'action', run: 'stop-deployment' },
      { name: 'alias back', type: 'action', run: 'restore-alias', version: '$previous' },
    ],
  };
}

const POINTS: { point: string; drill: Record<string, unknown> }[] = [
  { point: 'before the fault', drill: drillFile('before-fault', [READY, HOLD], [PUBLISH_BAD]) },
  {
    point: 'during the fault',
    drill: drillFile(
      'during-fault',
      [READY, QUIET],
      [
        PUBLISH_BAD,
        deploy(false, []),
        {
          name: 'inject errors into the canary',
          type: 'action',
          run: 'start-experiment',
          actionId: 'aws:lambda:invocation-error',
          version: '$canary',
          parameters: { invocationPercentage: '100', duration: 'PT5M' },
        },
        FAULT_SEEN,
        HOLD,
      ],
    ),
  },
  {
    point: 'during the alarm',
    drill: drillFile(
      'during-alarm',
      [READY, QUIET],
      [
        PUBLISH_BAD,
        deploy(false, ['hasivu-local-error-rate']),
        FAULT_SEEN,
        ALARM,
        {
          name: 'notified',
          type: 'probe',
          run: 'alarm-notification',
          alarm: 'hasivu-local-error-rate',
          state: 'ALARM',
          timeoutMs: 5000,
        },
        HOLD,
      ],
    ),
  },
  {
    point: 'during the rollback',
    drill: drillFile(
      'during-rollback',
      [READY, QUIET],
      [
        PUBLISH_BAD,
        deploy(false, ['hasivu-local-error-rate']),
        ALARM,
        // Without automatic rollback the alias never comes back by itself: the drill waits for it here.
        { ...HOLD, run: 'alias', version: '$previous', method: undefined, path: undefined, tolerance: undefined },
      ],
    ),
  },
  {
    point: 'during the final probes',
    drill: drillFile(
      'during-final-probes',
      [READY, QUIET],
      [
        PUBLISH_BAD,
        deploy(true, ['hasivu-local-error-rate']),
        ALARM,
        { name: 'alias back', type: 'probe', run: 'alias', version: '$previous', timeoutMs: 10_000, marks: 'rollback' },
        {
          name: 'orders recover',
          type: 'probe',
          run: 'traffic',
          condition: 'recovered',
          version: '$previous',
          count: 3,
          timeoutMs: 10_000,
        },
        HOLD,
      ],
    ),
  },
];

interface HeldDrill {
  pgid: number;
  exited: Promise<[number | null]>;
  stderr: () => string;
  journal: () => Promise<Journal>;
}

/**
 * Starts `run chaos --drill-file` in a process group of its own (so a signal reaches it the way
 * Ctrl-C does) and resolves once the drill waits at its `hold here` step.
 */
async function startHeldDrill(drill: Record<string, unknown>, env: Record<string, string>): Promise<HeldDrill> {
  const name = drill.name as string;
  const reportsDir = join(dir, `sigint-${name}`);
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(drill, null, 2));
  const child = spawn(process.execPath, ['cli/main.ts', 'run', 'chaos', '--drill-file', file], {
    cwd: PROJECT_ROOT,
    env: cliEnv({ HARNESS_REPORTS_DIR: reportsDir, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const held: HeldDrill = {
    pgid: child.pid ?? 0,
    exited: once(child, 'exit') as Promise<[number | null]>,
    stderr: () => stderr,
    journal: () => readJournal(reportsDir, name),
  };
  try {
    await waitFor(
      'the drill to wait at its hold step',
      async () => {
        if (child.exitCode !== null) throw new Error(`the CLI exited early with ${child.exitCode}:\n${stderr}`);
        const journal = await held.journal().catch(() => undefined);
        const steps = [...(journal?.steadyStates.before?.probes ?? []), ...(journal?.run ?? [])];
        return steps.some((s) => s.name === 'hold here' && !s.end) ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
  } catch (error) {
    if (groupAlive(held.pgid)) process.kill(-held.pgid, 'SIGKILL');
    throw error;
  }
  return held;
}

describe('run chaos against a platform this test owns', () => {
  let isolated: IsolatedPlatform;
  let view: DrillPlatformView;
  beforeAll(async () => {
    isolated = await startIsolatedPlatform();
    view = new DrillPlatformView(isolated.platform);
  }, 60_000);
  afterAll(async () => {
    await isolated[Symbol.asyncDispose]();
  });
  // Each drill starts on a quiet platform. The alarm only counts complete periods, so the errors
  // of the drill before could otherwise put it in ALARM just after this drill's steady state read
  // OK, and the deployment watching it would stop before sending the canary any traffic.
  beforeEach(() => view.reset());

  test.each(POINTS)(
    'SIGINT $point: exit 130, journal interrupted, no experiment running, no alias weight, no process left',
    async ({ drill }) => {
      const actionsBefore = await view.alarmActions('hasivu-local-error-rate');
      const { pgid, exited, stderr, journal: readHeld } = await startHeldDrill(drill, view.cliEnv());
      try {
        process.kill(-pgid, 'SIGINT');
        const [code] = await withTimeout(exited, 60_000, 'the CLI to exit after SIGINT');
        expect(code, stderr()).toBe(130);

        const journal = await readHeld();
        expect(journal.status).toBe('interrupted');
        expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
        const result = await readResult(join(dir, `sigint-${drill.name as string}`));
        expect(result.aborted?.reason).toContain('interrupted');

        const running = (await view.experiments()).filter(
          (e) => !['completed', 'stopped', 'failed', 'cancelled'].includes(e.state.status),
        );
        expect(running).toEqual([]);
        const alias = await view.alias();
        expect(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).toEqual({});
        expect(alias.FunctionVersion).toBe(journal.versions.previous);
        // A drill that subscribed to an alarm put its actions back.
        expect(await view.alarmActions('hasivu-local-error-rate')).toEqual(actionsBefore);
        await waitFor('every process of the run to be gone', () => (groupAlive(pgid) ? undefined : true), {
          timeoutMs: 10_000,
        });
      } finally {
        if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      }
    },
  );

  test('a second SIGINT exits at once, and afterwards no experiment runs and the alias has no extra weight', async () => {
    const {
      pgid,
      exited,
      stderr,
      journal: readHeld,
    } = await startHeldDrill({ ...(POINTS[1]?.drill ?? {}), name: 'double-sigint' }, view.cliEnv());
    try {
      const sent = Date.now();
      process.kill(-pgid, 'SIGINT');
      await waitFor('the first SIGINT to be taken', () => (stderr().includes('SIGINT: finishing') ? true : undefined), {
        timeoutMs: 5000,
        intervalMs: 5,
      });
      process.kill(-pgid, 'SIGINT');
      const [code] = await withTimeout(exited, 10_000, 'the CLI to exit after a second SIGINT');
      expect(code).toBe(130);
      expect(Date.now() - sent, 'exits at once').toBeLessThan(5000);
      const journal = await readHeld();
      expect(journal.status).toBe('interrupted');
      expect(journal.experiments.length).toBeGreaterThan(0);
      // Stop requests were sent before the exit; the platform finishes stopping on its next tick.
      await waitFor(
        'no experiment of the drill to be running',
        async () =>
          (await view.experiments()).some(
            (e) =>
              journal.experiments.some((j) => j.id === e.id) &&
              !['stopped', 'completed', 'failed', 'cancelled'].includes(e.state.status),
          )
            ? undefined
            : true,
        { timeoutMs: 5000 },
      );
      await waitFor(
        'the alias to be back',
        async () => {
          const alias = await view.alias();
          return Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length === 0 &&
            alias.FunctionVersion === journal.versions.previous
            ? true
            : undefined;
        },
        { timeoutMs: 5000 },
      );
      await waitFor('every process of the run to be gone', () => (groupAlive(pgid) ? undefined : true), {
        timeoutMs: 10_000,
      });
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  });

  test('a drill with an unknown action is one clear error, exit 2, and nothing is injected', async () => {
    const before = (await view.versions()).length;
    const experiments = (await view.experiments()).length;
    const file = join(dir, 'bad.json');
    const drill = drillFile('bad-drill', [READY], [{ name: 'boom', type: 'action', run: 'delete-everything' }]);
    await writeFile(file, JSON.stringify(drill));
    const outcome = await runCli(['run', 'chaos', '--drill-file', file], {
      ...view.cliEnv(),
      HARNESS_REPORTS_DIR: join(dir, 'bad'),
    });
    expect(outcome.code).toBe(2);
    const errors = outcome.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(outcome.stderr).toContain('method[0].run');
    expect(outcome.stderr).toContain('nothing was injected');
    expect(outcome.stderr).not.toMatch(/internal error|\n\s+at /);
    expect((await view.versions()).length).toBe(before);
    expect((await view.experiments()).length).toBe(experiments);
  });

  test('a target that cannot take a later drill stops the run with exit 2, and the drills before it keep their evidence', async () => {
    const quick = {
      name: 'quick-drill',
      title: 'a drill that only probes',
      function: 'createOrder',
      deadlineMs: 20_000,
      steadyStateHypothesis: { title: 'ready', probes: [READY] },
      method: [READY],
      rollbacks: [],
    };
    const missing = { ...quick, name: 'missing-function', function: 'noSuchFunction' };
    await writeFile(join(dir, 'quick.json'), JSON.stringify(quick));
    await writeFile(join(dir, 'missing.json'), JSON.stringify(missing));
    const reportsDir = join(dir, 'partial');
    const outcome = await runCli(
      ['run', 'chaos', '--drill-file', join(dir, 'quick.json'), '--drill-file', join(dir, 'missing.json')],
      { ...view.cliEnv(), HARNESS_REPORTS_DIR: reportsDir },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /error: drill missing-function: cannot read alias live of function noSuchFunction .*nothing was injected/,
    );
    const result = await readResult(reportsDir);
    expect(result.checks.find((c) => c.id === 'chaos.quick-drill.outcome')?.status).toBe('pass');
    expect(result.checks.find((c) => c.id === 'chaos.missing-function.outcome')?.status).toBe('error');
  });

  test('--dry-run prints the plan, checks the target, runs experiments as skip-all, and publishes nothing', async () => {
    const before = (await view.versions()).length;
    const reportsDir = join(dir, 'dry');
    const outcome = await runCli(['run', 'chaos', '--drill', 'fis-invocation-error', '--dry-run'], {
      ...view.cliEnv(),
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toContain('method:');
    expect(outcome.stderr).toContain('rollbacks (always):');
    // `stopped` when its stop-condition alarm is still in ALARM from an earlier drill: accepted, and still nothing injected.
    expect(outcome.stderr).toMatch(
      /skip-all experiment \S+ for "inject invocation errors into the canary version" ended (completed|stopped); nothing was injected/,
    );
    expect((await view.versions()).length).toBe(before);
    await expect(readFile(join(reportsDir, 'results', 'chaos.json'))).rejects.toThrow(/ENOENT/);
  });
});

test("drills that send orders need the demo parent's password: exit 2 before anything starts", async () => {
  const outcome = await runCli(['run', 'chaos', '--drill', 'canary-error-rollback'], {
    HARNESS_ENV: 'local',
    HARNESS_BASE_URL: 'http://127.0.0.1:9',
    HARNESS_ADMIN_TOKEN: 'Ad7t-Kq3v-Zr8n',
    HARNESS_REPORTS_DIR: join(dir, 'no-password'),
  });
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('error: drills canary-error-rollback send orders as');
  expect(outcome.stderr).toContain('set HARNESS_USER_PASSWORD (nothing was injected)');
});

test('an unreachable control API is exit 2 before anything is injected, naming every adapter tried', async () => {
  const outcome = await runCli(['run', 'chaos', '--drill', 'canary-error-rollback'], {
    HARNESS_ENV: 'local',
    HARNESS_BASE_URL: 'http://127.0.0.1:9',
    HARNESS_ADMIN_TOKEN: 'Ad7t-Kq3v-Zr8n',
    HARNESS_USER_PASSWORD: 'Pw5r-Hc9x-Tm2k',
    HARNESS_REPORTS_DIR: join(dir, 'unreachable'),
  });
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toMatch(/error: no way to reach http:\/\/127\.0\.0\.1:9's release controls/);
  expect(outcome.stderr).toContain('local: the control API at http://127.0.0.1:9/_control/ping did not answer');
  expect(outcome.stderr).toContain('aws: the local profile has no aws block');
});
