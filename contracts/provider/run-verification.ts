import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { startChild, type ChildExit } from '../../common/child-process.ts';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { redact } from '../../common/redact.ts';
import { ownModuleUrl } from '../../common/own-module.ts';
import { pactTelemetryEnv } from '../pact-telemetry.ts';
import type { VerificationRun, VerifyProviderOptions } from './verify-provider.ts';

const CHILD = fileURLToPath(ownModuleUrl('./verification-child.ts', import.meta.url));
/** The Pact core's report is a few KB per interaction; more than this is a runaway. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

export interface RunVerificationOptions {
  /** The Pact core's console report goes here, redacted and without colour codes. */
  logFile: string;
  /** The whole verification must finish by then; the child is killed after it. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Runs verifyProvider in a child process: the caller's console stays clean, the report
 * is kept as evidence, and a deadline or an abort can stop a verification that hangs
 * inside native code.
 */
export async function runVerification(
  options: VerifyProviderOptions,
  run: RunVerificationOptions,
): Promise<VerificationRun> {
  const failure = (crash: string): VerificationRun => ({
    output: undefined,
    crash,
    unavailable: {},
    failed: {},
    knownStates: [],
  });
  if (run.signal?.aborted) {
    return failure(`provider verification was not started: ${String(run.signal.reason ?? 'aborted')}`);
  }
  const lines: string[] = [];
  let size = 0;
  const child = startChild(CHILD, [], {
    env: { ...process.env, ...pactTelemetryEnv() },
    ipc: true,
    // Only this flag: a parent's execArgv (vitest's, a debugger's) has no business here.
    // DEP0060 comes from http-proxy inside pact-js and would only clutter the log.
    nodeOptions: ['--disable-warning=DEP0060'],
    onLine: (line) => {
      if (size >= MAX_LOG_BYTES) return;
      size += Buffer.byteLength(line) + 1;
      lines.push(line);
    },
    ...(run.signal ? { signal: run.signal } : {}),
    timeoutMs: run.timeoutMs,
    stopSignal: 'SIGKILL',
  });

  const withoutResult = (exit: ChildExit): VerificationRun =>
    failure(
      exit.stoppedBy === 'deadline'
        ? `provider verification did not finish within ${run.timeoutMs} ms; see ${run.logFile}`
        : exit.stoppedBy === 'signal'
          ? `provider verification was stopped: ${String(run.signal?.reason ?? 'aborted')}`
          : exit.startError
            ? `the verification process failed: ${exit.startError.message}`
            : `the verification process exited (${exit.signal ?? `code ${exit.code}`}) without a result; see ${run.logFile}`,
    );
  // A child that exits without a result ends the wait too; the IPC channel drains before `exited`.
  const answer = child.nextMessage().then(
    (message) => message as VerificationRun,
    () => child.exited.then(withoutResult),
  );
  await child.send(options).catch(() => undefined);
  const result = await Promise.race([answer, child.exited.then(withoutResult)]);
  // A child that sent its result exits by itself; give it a moment to flush its report.
  const grace = child.running ? setTimeout(() => child.killNow(), result.crash ? 0 : 5_000) : undefined;
  await child.exited;
  clearTimeout(grace);
  const output = lines.join('\n');
  // The Pact core colours its report; the log file is for reading, not for a terminal.
  const log = redact(stripVTControlCharacters(output));
  await writeFileAtomic(run.logFile, log);
  const publishFailures = log.match(/Publishing of verification results failed.*/g) ?? [];
  return publishFailures.length > 0 ? { ...result, publishFailures } : result;
}
