/**
 * Settles like `promise`, or rejects once `ms` have passed with an error that says what was
 * awaited and for how long. The late promise is left running but its rejection is handled,
 * so a timeout never turns into an unhandled rejection. A dependency probe goes through this,
 * so a dead dependency fails fast instead of hanging.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
