import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { Vitest } from 'vitest/node';
import { colourWanted } from '../common/colour-policy.ts';
import { redact } from '../common/redact.ts';
import { fileURLToPath } from 'node:url';
import { ownModuleUrl } from '../common/own-module.ts';

/** The harness's own tree (a checkout, or the installed package's): its vitest config, whatever the working directory is. */
const HARNESS_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface VitestRunOptions {
  /** vitest project names, e.g. ['smoke']. */
  projects: string[];
  /** vitest tag expressions, e.g. ['health'] to run only health-tagged tests. */
  tagsFilter?: string[];
  /** Aborting it cancels the run: tests not yet finished end, and the reporter still writes results. */
  signal?: AbortSignal;
  /**
   * Where vitest's own output goes (test lists, failures with code frames), redacted. The
   * console then shows only the harness's one line per failed check.
   */
  logFile?: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** A file that receives text already redacted: vitest's failure output may quote a target's echo. */
async function redactedFileStream(path: string): Promise<Writable> {
  await mkdir(dirname(path), { recursive: true });
  const file = createWriteStream(path);
  const redacting = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      // Escape codes only when colour was asked for (FORCE_COLOR): a log file is no terminal.
      const text = colourWanted(process.env, false) ? chunk.toString() : stripVTControlCharacters(chunk.toString());
      done(null, redact(text));
    },
  });
  redacting.pipe(file);
  return redacting;
}

/**
 * Creates a vitest instance without the signal handlers it installs for its own CLI: those
 * call process.exit about 1 ms after Ctrl-C, before this process could write results and the
 * scorecard. The harness's interrupt guard owns the signals and cancels the run instead.
 */
async function createVitestWithoutItsSignalHandlers(options: VitestRunOptions): Promise<Vitest> {
  // Loaded on demand: `run <kind> --help` and usage errors answer without loading vitest.
  const { createVitest } = await import('vitest/node');
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // What vitest's own CLI sets before it creates an instance.
  process.env.TEST = 'true';
  process.env.VITEST = 'true';
  process.env.NODE_ENV ??= 'test';
  const output = options.logFile ? await redactedFileStream(options.logFile) : undefined;
  const vitest = await createVitest(
    'test',
    {
      root: HARNESS_ROOT,
      config: fileURLToPath(ownModuleUrl('../vitest.config.ts', import.meta.url)),
      run: true,
      watch: false,
      project: options.projects,
      ...(options.tagsFilter?.length ? { tagsFilter: options.tagsFilter } : {}),
    },
    {},
    output ? { stdout: output, stderr: output } : {},
  );
  if (output) vitest.onClose(() => new Promise<void>((resolve) => output.end(resolve)));
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener as () => void);
    }
  }
  return vitest;
}

/**
 * After an interrupt, vitest finishes the tests that are running before it stops; a test
 * waiting on a hanging target could hold the harness for its whole deadline. Past this grace
 * the harness stops waiting: the stage ends without those tests, marked as interrupted.
 */
const CANCEL_GRACE_MS = 500;

export class VitestRunAbandoned extends Error {
  override name = 'VitestRunAbandoned';
}

function graceAfterAbort(signal: AbortSignal | undefined): Promise<'abandoned'> {
  return new Promise((resolve) => {
    const start = (): void => void setTimeout(() => resolve('abandoned'), CANCEL_GRACE_MS).unref();
    if (signal?.aborted) start();
    else signal?.addEventListener('abort', start, { once: true });
  });
}

/**
 * Runs vitest projects in this process. Outcomes reach the scorecard through the
 * RunResult reporter configured in vitest.config.ts, not through this return value.
 * Throws VitestRunAbandoned when an interrupted run did not stop within the grace.
 */
export async function runVitestProjects(options: VitestRunOptions): Promise<{ failed: number }> {
  const vitest = await createVitestWithoutItsSignalHandlers(options);
  const cancel = (): void => void vitest.cancelCurrentRun('keyboard-input');
  options.signal?.addEventListener('abort', cancel, { once: true });
  let abandoned = false;
  try {
    if (!options.signal?.aborted) {
      abandoned = (await Promise.race([vitest.start([]), graceAfterAbort(options.signal)])) === 'abandoned';
    }
    if (abandoned)
      throw new VitestRunAbandoned(`tests still running ${CANCEL_GRACE_MS} ms after the interrupt were abandoned`);
    return { failed: vitest.state.getCountOfFailedTests() };
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    // After an interrupt, closing (global teardowns included) gets the same grace: the process
    // exits (130) without waiting longer, its workers end with it, and exit cleanups stop
    // whatever a teardown did not.
    const closing = vitest.close();
    if (abandoned) void closing.catch(() => undefined);
    else if (options.signal?.aborted) await Promise.race([closing, graceAfterAbort(options.signal)]);
    else await closing;
    // vitest sets a failing exit code for its own CLI; our gate decides the exit code.
    process.exitCode = undefined;
  }
}
