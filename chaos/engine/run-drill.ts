import type { Activity, Drill, Probe } from '../model/drill-schema.ts';
import type { JournalFile } from './journal-file.ts';
import type { Journal, Phase, StepRecord } from './journal.ts';
import { raceAbort } from './race-abort.ts';
import type { StepExecutor } from './step-executor.ts';

export interface RunDrillOptions {
  drill: Drill;
  executor: StepExecutor;
  journal: JournalFile;
  /** Aborted by the first SIGINT/SIGTERM: the method stops, the rollbacks still run. */
  signal: AbortSignal;
  /** Each rollback step gets this long of its own, whatever else timed out. */
  rollbackStepTimeoutMs?: number;
  /**
   * Probes that must hold before the steady state, and only before (a deployment's alarms are
   * meant to fire during the method). If one does not, the drill is `aborted`, never failed.
   */
  preconditions?: readonly Probe[];
}

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type RunStep = (activity: Activity, phase: Phase, list: StepRecord[], stepSignal: AbortSignal) => Promise<StepRecord>;

/**
 * Runs one activity and records it in `list`, flushing the journal before and after, so a step
 * that never returns is still on disk as started.
 */
function stepRunner(executor: StepExecutor, file: JournalFile, interrupt: AbortSignal): RunStep {
  return async (activity, phase, list, stepSignal) => {
    const record: StepRecord = {
      name: activity.name,
      type: activity.type,
      run: activity.run,
      phase,
      start: new Date().toISOString(),
    };
    list.push(record);
    await file.flush();
    try {
      const outcome = await raceAbort(executor.run(activity, phase, stepSignal), stepSignal);
      record.status = outcome.ok ? 'succeeded' : 'failed';
      if (outcome.output !== undefined) record.output = outcome.output;
      if (!outcome.ok) record.error = outcome.message ?? `${activity.run} did not hold`;
    } catch (error) {
      record.status = stepSignal.aborted && interrupt.aborted ? 'interrupted' : 'failed';
      record.error = stepSignal.aborted ? message(stepSignal.reason) : message(error);
    }
    record.end = new Date().toISOString();
    await file.flush();
    return record;
  };
}

interface DrillProgress {
  options: RunDrillOptions;
  journal: Journal;
  step: RunStep;
  /** The interrupt or the deadline, whichever comes first. */
  signal: AbortSignal;
}

/** Probes the hypothesis (and, before the method, the preconditions) until one does not hold. */
async function steadyState(
  progress: DrillProgress,
  phase: 'steady-state-before' | 'steady-state-after',
): Promise<boolean> {
  const { options, journal, step, signal } = progress;
  const probes: StepRecord[] = [];
  const key = phase === 'steady-state-before' ? 'before' : 'after';
  journal.steadyStates[key] = { met: false, probes };
  const all = [
    ...(phase === 'steady-state-before' ? (options.preconditions ?? []) : []),
    ...options.drill.steadyStateHypothesis.probes,
  ];
  for (const probe of all) {
    if (signal.aborted) break;
    const record = await step(probe, phase, probes, signal);
    if (record.status !== 'succeeded') break;
  }
  const met = probes.length === all.length && probes.every((probe) => probe.status === 'succeeded');
  journal.steadyStates[key] = { met, probes };
  return met;
}

/**
 * Steady state before, method, steady state after (unless a method step failed). Returns why the
 * drill failed, if it did; a steady state that does not hold before marks the journal aborted.
 */
async function runExperiment(progress: DrillProgress): Promise<string | undefined> {
  const { options, journal, step, signal } = progress;
  if (!(await steadyState(progress, 'steady-state-before'))) {
    if (!signal.aborted) {
      journal.status = 'aborted';
      journal.reason = `the steady state did not hold before the method, so nothing was injected: ${firstError(journal.steadyStates.before?.probes)}`;
    }
    return undefined;
  }
  for (const activity of options.drill.method) {
    if (signal.aborted) break;
    const record = await step(activity, 'method', journal.run, signal);
    if (record.status !== 'succeeded') return `${activity.name}: ${record.error ?? 'failed'}`;
  }
  // After a failed step the drill has already failed; probing the hypothesis again would only
  // spend its deadline waiting on a platform the failure left unhealthy. Rollbacks come sooner.
  if (signal.aborted) return undefined;
  const met = await steadyState(progress, 'steady-state-after');
  journal.deviated = !met;
  return met
    ? undefined
    : `the steady state did not hold after the method: ${firstError(journal.steadyStates.after?.probes)}`;
}

/** The journal's final status and reason, from what stopped the drill and how its rollbacks went. */
function concludeJournal(
  journal: Journal,
  failure: string | undefined,
  interrupt: AbortSignal,
  deadline: AbortSignal,
): void {
  if (interrupt.aborted) {
    journal.status = 'interrupted';
    journal.reason = `${message(interrupt.reason)}; the method stopped and the rollbacks ran`;
  } else if (deadline.aborted) {
    // Once the fault has started, a deadline that passes is the platform's lateness, and the
    // drill failed on it; before, nothing was tried, so nothing failed.
    journal.status = journal.marks.faultStartedAt ? 'failed' : 'aborted';
    journal.reason = `${message(deadline.reason)}${journal.marks.faultStartedAt ? ' before the drill could end' : ' before the fault started'}; the rollbacks still ran`;
  } else if (journal.status === 'running') {
    journal.status = failure ? 'failed' : 'completed';
    if (failure) journal.reason = failure;
  }
  const failedRollbacks = journal.rollbacks.filter((record) => record.status !== 'succeeded');
  if (failedRollbacks.length > 0) {
    journal.reason = `${journal.reason ? `${journal.reason}; ` : ''}rollback failed: ${failedRollbacks.map((record) => `${record.name} (${record.error ?? record.status ?? ''})`).join(', ')}`;
    if (journal.status === 'completed') journal.status = 'failed';
  }
  journal.end = new Date().toISOString();
}

/**
 * Runs a drill in Chaos Toolkit's order: steady state before, method, steady state after (unless
 * a method step failed), then the rollbacks, which run however the rest ended (failed, deviated, past the deadline or
 * interrupted), each one even when an earlier one failed. The journal is flushed after every
 * step, so whatever stops the process later, the evidence up to that step is on disk.
 */
export async function runDrill(options: RunDrillOptions): Promise<Journal> {
  const { drill, executor, journal: file, signal: interrupt } = options;
  const journal = file.journal;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlineError(`the drill's deadline of ${drill.deadlineMs} ms (deadlineMs) passed`)),
    drill.deadlineMs,
  );
  const step = stepRunner(executor, file, interrupt);
  const signal = AbortSignal.any([interrupt, deadline.signal]);
  let failure: string | undefined;
  try {
    await file.flush();
    failure = await runExperiment({ options, journal, step, signal });
  } finally {
    clearTimeout(timer);
    // Rollbacks never share the drill's signal: an interrupt or a spent deadline must not stop them.
    for (const rollback of drill.rollbacks) {
      await step(
        rollback,
        'rollbacks',
        journal.rollbacks,
        AbortSignal.timeout(options.rollbackStepTimeoutMs ?? 30_000),
      );
    }
    concludeJournal(journal, failure, interrupt, deadline.signal);
    await file.flush();
  }
  return journal;
}

function firstError(records: readonly StepRecord[] | undefined): string {
  const bad = records?.find((record) => record.status !== 'succeeded');
  return bad ? `${bad.name}: ${bad.error ?? bad.status ?? 'did not run'}` : 'no probe ran';
}
