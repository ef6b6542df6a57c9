import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startChild, type RunningChild } from '../../common/child-process.ts';
import { registerExitCleanup } from '../../common/exit-cleanup.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { waitFor, WaitTimeoutError } from '../../common/wait-for.ts';
import { makeTempDir, removeTempDir } from '../../common/temp-dir.ts';
import { ownModuleUrl } from '../../common/own-module.ts';
import type {
  PlatformExit,
  WatchedPlatform,
} from '../../fixtures/services/service-control/service-control-vocabulary.ts';

const MAIN = fileURLToPath(ownModuleUrl('../../platform/main.ts', import.meta.url));
const START_DEADLINE_MS = 60_000;
/** platform/main.ts gives its own shutdown 15 s; past that it is killed. */
const STOP_DEADLINE_MS = 20_000;
const OUTPUT_TAIL = 4000;

/** The reference platform in a process of its own, on the given Postgres and Redis. */
export interface PlatformProcess extends AsyncDisposable, WatchedPlatform {
  url: string;
  demoParent: { email: string; password: string };
  close(): Promise<void>;
}

export interface PlatformProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Receives the platform's stderr, line by line. */
  log: (line: string) => void;
}

/** What the platform process has said so far, and how it ended once it has. */
interface PlatformOutput {
  stdout: string;
  stderrTail: string;
  exit: PlatformExit | undefined;
}

/** Spawns `platform/main.ts` on a free port, collecting its output into `output`. */
function spawnPlatform(
  options: PlatformProcessOptions,
  storageDir: string,
  demoParent: PlatformProcess['demoParent'],
  output: PlatformOutput,
): RunningChild {
  const child = startChild(process.execPath, [MAIN, '--port', '0'], {
    env: {
      ...process.env,
      HARNESS_SERVICES: 'external',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      PORT: '',
      HASIVU_STORAGE_DIR: storageDir,
      HASIVU_DEMO_PARENT_EMAIL: demoParent.email,
      HASIVU_DEMO_PARENT_PASSWORD: demoParent.password,
    },
    onLine: (line, from) => {
      if (from === 'stdout') {
        output.stdout += `${line}\n`;
        return;
      }
      output.stderrTail = `${output.stderrTail}${line}\n`.slice(-OUTPUT_TAIL);
      options.log(line);
    },
    stopSignal: 'SIGTERM',
    killAfterMs: STOP_DEADLINE_MS,
  });
  void child.exited.then((ended) => {
    output.exit = { code: ended.code, signal: ended.signal, output: output.stderrTail.trim() };
  });
  return child;
}

/** The URL the platform prints once it listens; closes it and throws when it exits or takes too long. */
async function waitUntilListening(output: PlatformOutput, close: () => Promise<void>): Promise<string> {
  let started: { url: string } | { exit: PlatformExit };
  try {
    started = await waitFor(
      'the platform process to print "listening on <url>"',
      () => {
        // A value, not a throw, ends the wait at once: an exited platform will not start listening.
        if (output.exit) return { exit: output.exit };
        const url = /listening on (http:\/\/\S+)/.exec(output.stdout)?.[1];
        return url ? { url } : undefined;
      },
      { timeoutMs: START_DEADLINE_MS, intervalMs: 25 },
    );
  } catch (error) {
    await close();
    if (!(error instanceof WaitTimeoutError)) throw error;
    throw new HarnessError('PLATFORM_START_TIMEOUT', `${error.message}; its output:\n${output.stderrTail.trim()}`, {
      cause: error,
    });
  }
  if ('exit' in started) {
    await close();
    const { code, signal, output: tail } = started.exit;
    throw new HarnessError(
      'PLATFORM_EXITED',
      `the platform exited with ${signal ?? `code ${code}`} before listening:\n${tail}`,
    );
  }
  return started.url;
}

/**
 * Starts `node platform/main.ts` against existing servers (DATABASE_URL/REDIS_URL), as a
 * deployment runs its functions apart from whoever tests them: a platform that crashes fails
 * the tests that see it, instead of taking the test runner down, and "recovered without a
 * restart" is a fact about one pid. Its object store is a temp dir owned by this process.
 */
export async function startPlatformProcess(options: PlatformProcessOptions): Promise<PlatformProcess> {
  const storageDir = makeTempDir('storage');
  const demoParent = {
    email: 'parent@integration.hasivu.test',
    password: randomBytes(18).toString('base64url'),
  };
  const output: PlatformOutput = { stdout: '', stderrTail: '', exit: undefined };
  const child = spawnPlatform(options, storageDir, demoParent, output);
  // If this process ends without the async close (Ctrl-C, process.exit), nothing may outlive it.
  const unregister = registerExitCleanup(() => {
    child.killNow();
    removeTempDir(storageDir);
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (!output.exit) await child.stop();
      removeTempDir(storageDir);
      unregister();
    })());
  const url = await waitUntilListening(output, close);
  return {
    url,
    pid: child.pid ?? 0,
    demoParent,
    exited: () => output.exit,
    close,
    [Symbol.asyncDispose]: close,
  };
}
