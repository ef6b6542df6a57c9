import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

/** ANSI colour codes: k6 colours some lines even when piped. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

function stripAnsi(line: string): string {
  return line.replace(ANSI, '');
}

/** Runs k6, streams its own progress to the log, and reports how it ended. */
export function runK6(options: K6Process): Promise<K6Exit> {
  const started = Date.now();
  const child = spawn(options.k6Path, options.args, {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit: Omit<K6Exit, 'code' | 'durationMs'> = {
    thresholdAbort: false,
    insufficientVUs: false,
    errors: [],
  };

  const onLine = (raw: string): void => {
    const line = redact(stripAnsi(raw)).trimEnd();
    if (line.trim() === '') return;
    if (/stopping test prematurely|abortOnFail/i.test(line)) exit.thresholdAbort = true;
    if (/Insufficient VUs/i.test(line)) exit.insufficientVUs = true;
    if (/level=(error|fatal)|^\s*(ERRO|FATA)\b/.test(line))
      exit.errors = [...exit.errors.slice(-9), line];
    options.log(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  let killTimer: NodeJS.Timeout | undefined;
  const stop = (reason: 'signal' | 'deadline'): void => {
    if (exit.stoppedBy || child.exitCode !== null) return;
    exit.stoppedBy = reason;
    options.log(
      `load: stopping k6 (${reason === 'signal' ? 'interrupted' : `deadline of ${Math.round(options.deadlineMs / 1000)} s passed`})`,
    );
    child.kill('SIGINT');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  };
  const deadline = setTimeout(() => stop('deadline'), options.deadlineMs);
  const onAbort = (): void => stop('signal');
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });

  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(deadline);
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', onAbort);
      resolve({ ...exit, code, durationMs: Date.now() - started });
    });
  });
}
