import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Activity, Drill } from '../model/drill-schema.ts';
import { parseDrill } from '../model/load-drill.ts';
import { createJournal } from './create-journal.ts';
import { JournalFile } from './journal-file.ts';
import type { Journal, Phase } from './journal.ts';
import { runDrill } from './run-drill.ts';
import type { StepExecutor, StepOutcome } from './step-executor.ts';

type Behaviour = 'ok' | 'fail' | 'throw' | 'hang';

const probe = (name: string): Activity => ({ name, type: 'probe', run: 'no-running-experiments' });
const action = (name: string): Activity => ({ name, type: 'action', run: 'stop-experiments' });

function drill(overrides: Partial<Drill> = {}): Drill {
  return parseDrill(
    {
      name: 'test-drill',
      title: 'a drill for the engine',
      function: 'createOrder',
      deadlineMs: 5000,
      steadyStateHypothesis: { title: 'healthy', probes: [probe('before-probe')] },
      method: [action('inject'), probe('observe')],
      rollbacks: [action('rollback-1'), action('rollback-2'), action('rollback-3')],
      ...overrides,
    },
    'test',
  );
}

/** Runs every step by name; `onStep` lets a test act at an exact point (abort, say). */
function executor(
  behaviours: Record<string, Behaviour>,
  calls: string[],
  onStep?: (name: string, phase: Phase) => void,
): StepExecutor {
  return {
    run(step, phase, signal): Promise<StepOutcome> {
      calls.push(`${phase}:${step.name}`);
      onStep?.(step.name, phase);
      switch (behaviours[`${phase}:${step.name}`] ?? behaviours[step.name] ?? 'ok') {
        case 'ok':
          return Promise.resolve({ ok: true, output: step.name });
        case 'fail':
          return Promise.resolve({ ok: false, message: `${step.name} out of tolerance` });
        case 'throw':
          return Promise.reject(new Error(`${step.name} blew up`));
        case 'hang':
          // Ignores its signal on purpose: the engine must not wait for it.
          return new Promise<StepOutcome>(() => void signal);
      }
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drill-engine-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(
  drillUnderTest: Drill,
  behaviours: Record<string, Behaviour>,
  options: { signal?: AbortSignal; onStep?: (name: string, phase: Phase) => void } = {},
): Promise<{ journal: Journal; calls: string[]; onDisk: Journal }> {
  const calls: string[] = [];
  const file = new JournalFile(join(dir, 'journal.json'), createJournal(drillUnderTest, 'http://127.0.0.1:1'));
  const journal = await runDrill({
    drill: drillUnderTest,
    executor: executor(behaviours, calls, options.onStep),
    journal: file,
    signal: options.signal ?? new AbortController().signal,
    rollbackStepTimeoutMs: 1000,
  });
  const onDisk = JSON.parse(await readFile(file.path, 'utf8')) as Journal;
  return { journal, calls, onDisk };
}

const ROLLBACKS = ['rollbacks:rollback-1', 'rollbacks:rollback-2', 'rollbacks:rollback-3'];

describe('the drill engine', () => {
  test('runs steady state, method, steady state again, then rollbacks, in that order', async () => {
    const { journal, calls, onDisk } = await run(drill(), {});
    expect(calls).toEqual([
      'steady-state-before:before-probe',
      'method:inject',
      'method:observe',
      'steady-state-after:before-probe',
      ...ROLLBACKS,
    ]);
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(false);
    expect(onDisk.status).toBe('completed');
    expect(onDisk.run.map((r) => [r.name, r.status])).toEqual([
      ['inject', 'succeeded'],
      ['observe', 'succeeded'],
    ]);
    expect(onDisk.end).toBeDefined();
  });

  test('a failed method step ends the method, the drill fails, and every rollback still runs', async () => {
    const { journal, calls } = await run(drill(), { inject: 'fail' });
    expect(calls).toEqual(['steady-state-before:before-probe', 'method:inject', ...ROLLBACKS]);
    expect(journal.status).toBe('failed');
    expect(journal.reason).toContain('inject out of tolerance');
  });

  test('a rollback that throws does not stop the others, and fails the drill', async () => {
    const { journal, calls } = await run(drill(), { 'rollback-1': 'throw', 'rollback-2': 'fail' });
    expect(calls.slice(-3)).toEqual(ROLLBACKS);
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(journal.status).toBe('failed');
    expect(journal.reason).toContain('rollback-1 blew up');
  });

  test('a steady state that does not hold before aborts the drill without running the method; rollbacks still run', async () => {
    const { journal, calls } = await run(drill(), { 'before-probe': 'fail' });
    expect(calls).toEqual(['steady-state-before:before-probe', ...ROLLBACKS]);
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toContain('nothing was injected');
  });

  test('a steady state that does not hold after the method marks the drill deviated and failed', async () => {
    const { journal, calls } = await run(drill(), { 'steady-state-after:before-probe': 'fail' });
    expect(journal.deviated).toBe(true);
    expect(journal.status).toBe('failed');
    expect(journal.reason).toContain('before-probe out of tolerance');
    expect(calls.slice(-3)).toEqual(ROLLBACKS);
  });

  test('past the deadline a hanging step is abandoned, the drill is aborted, and rollbacks still run', async () => {
    const { journal, calls } = await run(drill({ deadlineMs: 200 }), { observe: 'hang' });
    expect(calls.slice(-3)).toEqual(ROLLBACKS);
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toContain('deadline of 200 ms');
    expect(journal.rollbacks.every((r) => r.status === 'succeeded')).toBe(true);
  });

  test('past the deadline after the fault started, the drill failed on the lateness (not aborted)', async () => {
    const d = drill({ deadlineMs: 200 });
    const calls: string[] = [];
    const file = new JournalFile(join(dir, 'late.json'), createJournal(d, 'http://127.0.0.1:1'));
    const base = executor({ observe: 'hang' }, calls);
    const journal = await runDrill({
      drill: d,
      executor: {
        run: (step, phase, signal) => {
          if (step.name === 'inject') file.journal.marks.faultStartedAt = new Date().toISOString();
          return base.run(step, phase, signal);
        },
      },
      journal: file,
      signal: new AbortController().signal,
      rollbackStepTimeoutMs: 1000,
    });
    expect(journal.status).toBe('failed');
    expect(journal.reason).toContain('deadline of 200 ms');
    expect(journal.reason).toContain('before the drill could end');
  });

  test('preconditions run before the steady state only; one that does not hold aborts the drill', async () => {
    const calls: string[] = [];
    const d = drill();
    const file = new JournalFile(join(dir, 'pre.json'), createJournal(d, 'http://127.0.0.1:1'));
    const quiet = { name: 'quiet', type: 'probe', run: 'deployment-ready' } as const;
    const held = await runDrill({
      drill: d,
      executor: executor({}, calls),
      journal: file,
      signal: new AbortController().signal,
      preconditions: [quiet],
    });
    expect(held.status).toBe('completed');
    expect(calls.filter((c) => c.endsWith(':quiet'))).toEqual(['steady-state-before:quiet']);
    const file2 = new JournalFile(join(dir, 'pre2.json'), createJournal(d, 'http://127.0.0.1:1'));
    const aborted = await runDrill({
      drill: d,
      executor: executor({ quiet: 'fail' }, []),
      journal: file2,
      signal: new AbortController().signal,
      preconditions: [quiet],
    });
    expect(aborted.status).toBe('aborted');
    expect(aborted.reason).toContain('quiet: quiet out of tolerance');
  });

  test.each<[string, Phase]>([
    ['before-probe', 'steady-state-before'],
    ['inject', 'method'],
    ['observe', 'method'],
    ['before-probe', 'steady-state-after'],
  ])('an interrupt during %s (%s) stops there, runs every rollback and says interrupted', async (name, phase) => {
    const controller = new AbortController();
    const { journal, calls, onDisk } = await run(
      drill(),
      { [`${phase}:${name}`]: 'hang' },
      {
        signal: controller.signal,
        onStep: (stepName, stepPhase) => {
          if (stepName === name && stepPhase === phase) controller.abort(new Error('interrupted by SIGINT'));
        },
      },
    );
    const at = calls.indexOf(`${phase}:${name}`);
    expect(calls.slice(at + 1)).toEqual(ROLLBACKS);
    expect(journal.status).toBe('interrupted');
    expect(onDisk.status).toBe('interrupted');
    expect(onDisk.reason).toContain('interrupted by SIGINT');
    const stopped = [
      ...journal.run,
      ...(journal.steadyStates.before?.probes ?? []),
      ...(journal.steadyStates.after?.probes ?? []),
    ];
    expect(stopped.find((r) => r.name === name && r.phase === phase)?.status).toBe('interrupted');
  });

  test('an interrupt during the rollbacks does not stop them', async () => {
    const controller = new AbortController();
    const { journal, calls } = await run(
      drill(),
      {},
      {
        signal: controller.signal,
        onStep: (name) => {
          if (name === 'rollback-1') controller.abort(new Error('interrupted by SIGTERM'));
        },
      },
    );
    expect(calls.slice(-3)).toEqual(ROLLBACKS);
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(journal.status).toBe('interrupted');
  });

  test('a rollback that hangs is cut off after its own timeout and the next one runs', async () => {
    const { journal, calls } = await run(drill(), { 'rollback-2': 'hang' });
    expect(calls.slice(-3)).toEqual(ROLLBACKS);
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
  });
});
