import { constants } from 'node:os';

/**
 * The project's one exit-hook mechanism. Synchronous last-resort cleanups run when the
 * process exits without its normal async teardown (an uncaught error, process.exit from deep
 * inside a tool, a signal nobody handles). Normal teardown unregisters its entry once it
 * has done the work properly.
 */
const cleanups = new Set<() => void>();
let exitHookInstalled = false;

export function registerExitCleanup(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const fn of cleanups) {
        try {
          fn();
        } catch {
          // Exiting anyway; one failed cleanup must not stop the others.
        }
      }
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type ExitSignal = (typeof SIGNALS)[number];
/**
 * Shared by every copy of this module in the process: vitest loads global setups through its
 * own module runner, so the integration services' copy must see the CLI's ownership, or its
 * hook would end the process on the Ctrl-C the CLI is handling.
 */
interface SignalState {
  owners: Map<ExitSignal, number>;
  hookInstalled: boolean;
}
const SHARED = Symbol.for('hasivu-verify.exit-signals');
const shared = globalThis as unknown as Record<symbol, SignalState | undefined>;
const state: SignalState = (shared[SHARED] ??= {
  owners: new Map<ExitSignal, number>(SIGNALS.map((signal) => [signal, 0])),
  hookInstalled: false,
});
const signalOwners = state.owners;

/**
 * Declares that the caller handles SIGINT/SIGTERM/SIGHUP itself (a CLI that finishes the
 * current stage first, a drill that runs its rollbacks, a server that closes cleanly) and
 * ends the process with process.exit, which runs the cleanups. Dispose to give them back.
 */
export function ownSignals(signals: readonly ExitSignal[] = SIGNALS): Disposable {
  const count = (signal: ExitSignal, by: number): void => {
    signalOwners.set(signal, (signalOwners.get(signal) ?? 0) + by);
  };
  signals.forEach((signal) => count(signal, 1));
  let released = false;
  return {
    [Symbol.dispose]() {
      if (released) return;
      released = true;
      signals.forEach((signal) => count(signal, -1));
    },
  };
}

/**
 * Node ends on SIGINT/SIGTERM/SIGHUP without emitting 'exit', so the cleanups above would not
 * run on Ctrl-C. This turns those signals into `process.exit(128 + n)`, which does emit 'exit',
 * whenever no part of the project has declared it owns them (ownSignals).
 */
export function exitOnSignals(): void {
  if (state.hookInstalled) return;
  state.hookInstalled = true;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if ((signalOwners.get(signal) ?? 0) > 0) return;
      process.exit(128 + constants.signals[signal]);
    });
  }
}
