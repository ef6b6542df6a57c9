/**
 * Synchronous last-resort cleanups for when the process exits without running the
 * normal async teardown (an uncaught error, process.exit from deep inside a tool).
 * Normal teardown unregisters its entry once it has done the work properly.
 */
const cleanups = new Set<() => void>();
let installed = false;

export function registerExitCleanup(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
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
