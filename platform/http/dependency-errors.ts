const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown: Postgres is stopping
  '57P03', // cannot_connect_now: Postgres is starting
  '08000',
  '08003',
  '08006', // connection_failure
]);

/**
 * True when an error means "a dependency is down right now" rather than "the code is
 * wrong": such requests get 503 (retry later) instead of 500 (a bug).
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // "not queryable": pg's answer for a client whose server went away between two statements of a transaction.
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Connection is closed|enableOfflineQueue|is not queryable/i.test(
    error.message,
  );
}
