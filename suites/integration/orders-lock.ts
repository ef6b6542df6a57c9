import pg from 'pg';

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Holds SHARE on `orders` in an open transaction: every new order then waits inside its own
 * transaction, on a connection its pool has checked out. A restart at that moment is the
 * hardest one for a pool, and this makes it certain instead of a matter of timing.
 */
export async function holdOrdersLock(databaseUrl: string): Promise<HeldLock> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  // The restart ends this session too; that is expected, not an error of the test.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE orders IN SHARE MODE');
  return { release: () => client.end().catch(() => undefined) };
}

/** Sessions of this database waiting for a lock: the orders queued behind `holdOrdersLock`. */
export async function sessionsWaitingForLock(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]?.waiting ?? 0;
}
