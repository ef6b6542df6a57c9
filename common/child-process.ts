import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { execa, execaSync } from 'execa';

/** How much of a child's output is kept for error messages. */
const OUTPUT_TAIL_CHARS = 20_000;

export interface ChildOptions {
  cwd?: string;
  /** The child's complete environment; nothing else is inherited. Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Each line the child prints, as it comes, without its line ending. */
  onLine?: (line: string, from: 'stdout' | 'stderr') => void;
  /** Stops the child when this aborts. */
  signal?: AbortSignal;
  /** Stops the child once this much time has passed. */
  timeoutMs?: number;
  /** Called once, when `signal` or `timeoutMs` stops the child, before the stop signal is sent. */
  onStop?: (reason: StopReason) => void;
  /** How the child is asked to stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  /** Past this after the stop signal, SIGKILL (default 5000 ms). */
  killAfterMs?: number;
  /** Run as this account (a server that refuses to run as root). */
  uid?: number;
  gid?: number;
  /** For children that are node scripts with an IPC channel (sendMessage / getOneMessage). */
  ipc?: boolean;
  /** Extra node flags for an IPC child; the parent's own flags (vitest's, a debugger's) are never passed on. */
  nodeOptions?: string[];
}

export type StopReason = 'signal' | 'deadline';

export interface ChildExit {
  /** The exit code; null when a signal ended it or it never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stoppedBy?: StopReason;
  /** The last few KB of stdout and stderr, interleaved as they came. */
  output: string;
  /** Why the child could not be started at all (ENOENT, EACCES). */
  startError?: Error;
  durationMs: number;
}

export interface RunningChild {
  readonly pid: number | undefined;
  readonly running: boolean;
  /** The output so far, for error messages while it still runs. */
  readonly output: string;
  /** Resolves once the child has exited and its output is read; never rejects. */
  readonly exited: Promise<ChildExit>;
  /**
   * Asks it to stop (stop signal, then SIGKILL after killAfterMs); resolves once the process
   * has exited, without waiting for grandchildren that may still hold its output open.
   */
  stop(): Promise<void>;
  /** Last-resort synchronous SIGKILL, for `process.on('exit')` where nothing can be awaited. */
  killNow(): void;
  /** The IPC channel of an `ipc` child. */
  send(message: unknown): Promise<void>;
  nextMessage(): Promise<unknown>;
}

/**
 * The project's one way to run a child process: output streamed line by line and its tail kept,
 * stopped on abort or deadline with a chosen signal, SIGKILL if it does not go, and killed
 * when this process exits (execa's cleanup), so no child outlives its parent.
 */
export function startChild(file: string, args: string[], options: ChildOptions = {}): RunningChild {
  const started = Date.now();
  const trigger = stopTrigger(options);
  const subprocess = spawn(file, args, options, trigger.cancel);
  // Aborted before the start: stop at once, the way an abort during the run does.
  if (options.signal?.aborted) trigger.stopFor('signal');
  const tail = keepOutput(subprocess, options.onLine);

  const exited = subprocess.then((result): ChildExit => {
    trigger.dispose();
    const neverStarted =
      result.failed && result.exitCode === undefined && result.signal === undefined && !result.isCanceled;
    const stoppedBy = trigger.stoppedBy();
    return {
      code: result.exitCode ?? null,
      signal: result.signal ?? null,
      ...(stoppedBy ? { stoppedBy } : {}),
      output: tail.output,
      ...(neverStarted ? { startError: new Error(result.originalMessage || result.shortMessage) } : {}),
      durationMs: Date.now() - started,
    };
  });
  return childHandle(subprocess, exited, tail, options.ipc === true);
}

type Subprocess = ReturnType<typeof spawn>;

interface StopTrigger {
  /** Aborts when the caller's signal or the deadline stops the child. */
  cancel: AbortSignal;
  stopFor(reason: StopReason): void;
  stoppedBy(): StopReason | undefined;
  /** Drops the deadline timer and the abort listener once the child has exited. */
  dispose(): void;
}

/** The caller's signal and the deadline, as one cancel signal for execa; the first reason wins. */
function stopTrigger(options: ChildOptions): StopTrigger {
  const cancel = new AbortController();
  let stoppedBy: StopReason | undefined;
  const stopFor = (reason: StopReason): void => {
    if (stoppedBy) return;
    stoppedBy = reason;
    options.onStop?.(reason);
    cancel.abort(new Error(reason === 'signal' ? 'stopped' : `deadline of ${options.timeoutMs} ms passed`));
  };
  const onAbort = (): void => stopFor('signal');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const deadline =
    options.timeoutMs === undefined ? undefined : setTimeout(() => stopFor('deadline'), options.timeoutMs);
  return {
    cancel: cancel.signal,
    stopFor,
    stoppedBy: () => stoppedBy,
    dispose: () => {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}

function spawn(file: string, args: string[], options: ChildOptions, cancelSignal: AbortSignal) {
  return execa(file, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    cancelSignal,
    killSignal: options.stopSignal ?? 'SIGTERM',
    forceKillAfterDelay: options.killAfterMs ?? 5000,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
    ipc: options.ipc === true,
    serialization: 'json',
    node: options.ipc === true,
    ...(options.ipc ? { nodeOptions: options.nodeOptions ?? [] } : {}),
  });
}

/** Keeps the tail of stdout and stderr, interleaved, and hands each line to `onLine`. */
function keepOutput(subprocess: Subprocess, onLine: ChildOptions['onLine']): { readonly output: string } {
  const tail = { output: '' };
  const keep = (chunk: Buffer | string): void => {
    tail.output = (tail.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  for (const from of ['stdout', 'stderr'] as const) {
    const stream = subprocess[from];
    stream.on('data', keep);
    if (onLine) createInterface({ input: stream }).on('line', (line) => onLine(line, from));
  }
  return tail;
}

function childHandle(
  subprocess: Subprocess,
  exited: Promise<ChildExit>,
  tail: { readonly output: string },
  ipc: boolean,
): RunningChild {
  const child = subprocess.nodeChildProcess;
  const running = (): boolean => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const processExit = running()
    ? once(child, 'exit').then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve();
  // Typed apart because execa types the IPC methods only for a literal `ipc: true`.
  const channel = subprocess as unknown as {
    sendMessage(message: unknown): Promise<void>;
    getOneMessage(): Promise<unknown>;
  };
  return {
    pid: subprocess.pid,
    get running() {
      return running();
    },
    get output() {
      return tail.output;
    },
    exited,
    stop() {
      if (running()) subprocess.kill();
      return processExit;
    },
    killNow() {
      if (running()) subprocess.kill('SIGKILL');
    },
    send: (message) => {
      if (!ipc) throw new Error('send() needs a child started with ipc: true');
      return channel.sendMessage(message);
    },
    nextMessage: () => {
      if (!ipc) throw new Error('nextMessage() needs a child started with ipc: true');
      return channel.getOneMessage();
    },
  };
}

/** Runs a child to its end; see startChild. */
export function runChild(file: string, args: string[], options: ChildOptions = {}): Promise<ChildExit> {
  return startChild(file, args, options).exited;
}

export interface CapturedOutput {
  ok: boolean;
  stdout: string;
  /** The error in words (exit code, signal, timeout, stderr) when not ok. */
  failure?: string;
}

/** A short command whose stdout is the answer (`git rev-parse`, `k6 version`), with a deadline. */
export async function captureOutput(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; uid?: number; gid?: number },
): Promise<CapturedOutput> {
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 1000,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  return result.failed
    ? { ok: false, stdout: result.stdout, failure: result.message }
    : { ok: true, stdout: result.stdout };
}

/** The synchronous form, only for exit handlers, where nothing can be awaited. */
export function captureOutputSync(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): CapturedOutput {
  const result = execaSync(file, args, {
    env: options.env ?? process.env,
    extendEnv: false,
    stdin: 'ignore',
    stderr: 'ignore',
    reject: false,
    timeout: options.timeoutMs,
  });
  return result.failed
    ? { ok: false, stdout: result.stdout, failure: result.message }
    : { ok: true, stdout: result.stdout };
}
