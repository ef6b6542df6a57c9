import { stripVTControlCharacters } from 'node:util';
import { runChild } from '../common/child-process.ts';
import { redact } from '../common/redact.ts';

export interface K6Process {
  k6Path: string;
  args: string[];
  /** The complete environment of the child: secrets travel here, never in `args`. */
  env: Record<string, string>;
  /** Each line of k6's output (progress and logs), already redacted. */
  log: (line: string) => void;
  /** Stop k6 (SIGINT, so it still writes its summary) when this aborts. */
  signal: AbortSignal;
  /** Stop k6 the same way once this much time has passed. */
  deadlineMs: number;
}

export interface K6Exit {
  /** k6's exit code: 0 passed, 99 thresholds crossed, 105 interrupted, 107 script error; null if killed. */
  code: number | null;
  /** Why we stopped it, when we did. */
  stoppedBy?: 'signal' | 'deadline';
  /** Its abortOnFail fired: the run ended early on purpose. */
  thresholdAbort: boolean;
  /** k6 ran out of VUs at some point (its "Insufficient VUs" warning). */
  insufficientVUs: boolean;
  /** The last error-level lines of k6's log, redacted, to explain a failure. */
  errors: string[];
  durationMs: number;
}

/** After SIGINT k6 finishes in-flight requests and writes its summary; past this it is killed. */
const KILL_AFTER_MS = 20_000;

/** Runs k6, streams its own progress to the log, and reports how it ended. */
export async function runK6(options: K6Process): Promise<K6Exit> {
  const signs: Pick<K6Exit, 'thresholdAbort' | 'insufficientVUs' | 'errors'> = {
    thresholdAbort: false,
    insufficientVUs: false,
    errors: [],
  };
  const onLine = (raw: string): void => {
    // k6 colours some lines even when piped.
    const line = redact(stripVTControlCharacters(raw)).trimEnd();
    if (line.trim() === '') return;
    if (/stopping test prematurely|abortOnFail/i.test(line)) signs.thresholdAbort = true;
    if (/Insufficient VUs/i.test(line)) signs.insufficientVUs = true;
    if (/level=(error|fatal)|^\s*(ERRO|FATA)\b/.test(line)) signs.errors = [...signs.errors.slice(-9), line];
    options.log(line);
  };
  const exit = await runChild(options.k6Path, options.args, {
    env: options.env,
    onLine,
    signal: options.signal,
    timeoutMs: options.deadlineMs,
    // SIGINT, so k6 still writes its summary.
    stopSignal: 'SIGINT',
    killAfterMs: KILL_AFTER_MS,
    onStop: (reason) =>
      options.log(
        `load: stopping k6 (${reason === 'signal' ? 'interrupted' : `deadline of ${Math.round(options.deadlineMs / 1000)} s passed`})`,
      ),
  });
  if (exit.startError) throw exit.startError;
  return {
    ...signs,
    code: exit.code,
    ...(exit.stoppedBy ? { stoppedBy: exit.stoppedBy } : {}),
    durationMs: exit.durationMs,
  };
}
