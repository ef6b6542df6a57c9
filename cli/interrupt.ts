import { runForcedExitHooks } from '../common/forced-exit-hooks.ts';
import { ownSignals } from '../common/exit-cleanup.ts';
import { logLine } from './console-log.ts';

export const INTERRUPTED_EXIT_CODE = 130;

/**
 * `npm run` forwards SIGINT and SIGTERM to its child, so Ctrl-C in a terminal (which signals
 * the whole process group) reaches the harness twice within milliseconds: once from the
 * terminal, once from npm. Two signals closer than this are one interrupt.
 */
const SAME_INTERRUPT_MS = 500;

export interface InterruptGuard extends Disposable {
  signal: AbortSignal;
  readonly interrupted: boolean;
  /** The first signal received, e.g. SIGINT; undefined until then. */
  readonly received: NodeJS.Signals | undefined;
}

/**
 * Owns SIGINT and SIGTERM while a command runs. The first one aborts `signal`: runners stop
 * their tools, the current stage ends, and the scorecard is still written from what ran. A
 * second one (later than SAME_INTERRUPT_MS) exits at once, after the forced-exit hooks had up to
 * a second to send their stop requests; exit cleanups still remove containers, servers and temp dirs.
 */
export function guardInterrupts(): InterruptGuard {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let firstAt = 0;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      if (Date.now() - firstAt < SAME_INTERRUPT_MS) return;
      // At once, but the stop requests a drill registered still go out (a second at most).
      void runForcedExitHooks(1000).finally(() => process.exit(INTERRUPTED_EXIT_CODE));
      return;
    }
    received = signal;
    firstAt = Date.now();
    logLine(`${signal}: finishing the current stage, then writing the scorecard (again to stop at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  const owned = ownSignals(['SIGINT', 'SIGTERM']);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    get interrupted() {
      return received !== undefined;
    },
    get received() {
      return received;
    },
    [Symbol.dispose]() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      owned[Symbol.dispose]();
    },
  };
}
