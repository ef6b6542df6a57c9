import pg from 'pg';

/**
 * A pool that fails fast and heals by itself: short connect and statement timeouts so a
 * dead Postgres costs about a second per request, and no state that outlives a
 * restart (broken clients are dropped and new ones connect when Postgres is back).
 */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 1000,
    idleTimeoutMillis: 10_000,
    // Server side: Postgres cancels a statement after this long.
    statement_timeout: 3000,
    // Client side: also covers a server that stopped answering altogether.
    query_timeout: 4000,
    application_name: 'hasivu-platform',
  });
  let healthy = true;
  // An idle client dies when Postgres restarts; without this listener that would crash the process.
  pool.on('error', (error) => {
    if (healthy) console.error(`platform: database connection lost (${error.message}); reconnecting on demand`);
    healthy = false;
  });
  pool.on('connect', (client) => {
    // The pool listens only to idle clients. A checked-out one (a transaction in progress) that
    // loses its server emits 'error' too, and unheard that ends the process; the query in progress
    // already fails with the same error, so this listener has nothing left to do.
    client.on('error', () => undefined);
    if (!healthy) console.error('platform: database connection restored');
    healthy = true;
  });
  return pool;
}
