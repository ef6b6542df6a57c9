import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { redact } from '../../common/redact.ts';
import { pactTelemetryEnv } from '../pact-telemetry.ts';
import type { VerificationRun, VerifyProviderOptions } from './verify-provider.ts';

const CHILD = fileURLToPath(new URL('./verification-child.ts', import.meta.url));
/** The Pact core's report is a few KB per interaction; more than this is a runaway. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

export interface RunVerificationOptions {
  /** The Pact core's console report goes here, redacted and without colour codes. */
  logFile: string;
  /** The whole verification must finish by then; the child is killed after it. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The Pact core colours its report; the log file is for reading, not for a terminal. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (text: string): string => text.replace(ANSI, '');

/**
 * Runs verifyProvider in a child process: the caller's console stays clean, the report
 * is kept as evidence, and a deadline or an abort can stop a verification that hangs
 * inside native code.
 */
export async function runVerification(
  options: VerifyProviderOptions,
  run: RunVerificationOptions,
): Promise<VerificationRun> {
  if (run.signal?.aborted) {
    return {
      output: undefined,
      crash: `provider verification was not started: ${String(run.signal.reason ?? 'aborted')}`,
      unavailable: {},
      failed: {},
      knownStates: [],
    };
  }
  const child = fork(CHILD, [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...pactTelemetryEnv() },
    serialization: 'json',
    // Only this flag: a parent's execArgv (vitest's, a debugger's) has no business here.
    // DEP0060 comes from http-proxy inside pact-js and would only clutter the log.
    execArgv: ['--disable-warning=DEP0060'],
  });
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: Buffer): void => {
    if (size >= MAX_LOG_BYTES) return;
    size += chunk.length;
    chunks.push(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const failure = (crash: string): VerificationRun => ({
    output: undefined,
    crash,
    unavailable: {},
    failed: {},
    knownStates: [],
  });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const result = await new Promise<VerificationRun>((resolve) => {
    child.once('message', (message) => resolve(message as VerificationRun));
    child.once('error', (error) =>
      resolve(failure(`the verification process failed: ${error.message}`)),
    );
    // 'close' comes after the IPC channel drained, so a result sent just before exit is never lost.
    child.once('close', (code, signal) =>
      resolve(
        failure(
          `the verification process exited (${signal ?? `code ${code}`}) without a result; see ${run.logFile}`,
        ),
      ),
    );
    timer = setTimeout(
      () =>
        resolve(
          failure(
            `provider verification did not finish within ${run.timeoutMs} ms; see ${run.logFile}`,
          ),
        ),
      run.timeoutMs,
    );
    onAbort = () =>
      resolve(
        failure(`provider verification was stopped: ${String(run.signal?.reason ?? 'aborted')}`),
      );
    run.signal?.addEventListener('abort', onAbort, { once: true });
    child.send(options);
  });
  clearTimeout(timer);
  if (onAbort) run.signal?.removeEventListener('abort', onAbort);
  if (child.exitCode === null && child.signalCode === null) {
    // A child that sent its result exits by itself; give it a moment to flush its report.
    const closed = new Promise((resolve) => child.once('close', resolve));
    const grace = setTimeout(() => child.kill('SIGKILL'), result.crash ? 0 : 5_000);
    await closed;
    clearTimeout(grace);
  }
  const log = redact(stripAnsi(Buffer.concat(chunks).toString('utf8')));
  await writeFileAtomic(run.logFile, log);
  const publishFailures = log.match(/Publishing of verification results failed.*/g) ?? [];
  return publishFailures.length > 0 ? { ...result, publishFailures } : result;
}
