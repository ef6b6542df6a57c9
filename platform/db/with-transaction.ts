import type pg from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection: COMMIT when it returns, ROLLBACK
 * when it throws, and the connection always goes back to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A broken connection cannot roll back; the original error is the one worth reporting.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
