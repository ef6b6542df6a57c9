import { randomBytes } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { makeTempDir, removeTempDir } from '../../common/temp-dir.ts';
import { withTimeout } from '../../common/with-timeout.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';

const { databaseUrl } = inject('services');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Ends the pool and waits until every connection has really closed. `pool.end()` resolves as
 * soon as it has asked each client to end, while their server sessions may still be open; a
 * `DROP DATABASE … WITH (FORCE)` then terminates those sessions (57P01), the dying client
 * emits 'error' to a pool nobody listens to, and the run reports an unhandled error.
 */
async function endPoolAndWaitForClose(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
  await pool.end();
  await withTimeout(closed, 5000, 'closing the test pool');
}

/** A database of its own on the shared server, so migrations start from nothing. */
async function freshDatabase(): Promise<pg.Pool> {
  const name = `migrate_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: 5,
    connectionTimeoutMillis: 2000,
  });
  cleanups.push(async () => {
    await endPoolAndWaitForClose(pool);
    const dropper = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
    await dropper.connect();
    await dropper.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await dropper.end();
  });
  return pool;
}

const appliedVersions = async (pool: pg.Pool): Promise<string[]> =>
  (await pool.query<{ version: string }>('SELECT version FROM platform_migrations ORDER BY version')).rows.map(
    (r) => r.version,
  );

describe('migrate', () => {
  test('applies every migration once; a second run is a no-op', async () => {
    const pool = await freshDatabase();
    const first = await migrate(pool);
    expect(first.applied).toEqual(['001', '002']);
    const second = await migrate(pool);
    expect(second).toEqual({ applied: [], current: ['001', '002'] });
    expect(await appliedVersions(pool)).toEqual(['001', '002']);
  });

  test('concurrent runners apply each migration exactly once', async () => {
    const pool = await freshDatabase();
    const reports = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(reports.flatMap((report) => report.applied).sort()).toEqual(['001', '002']);
    expect(await appliedVersions(pool)).toEqual(['001', '002']);
  });

  test('refuses to run when an applied migration was edited', async () => {
    const pool = await freshDatabase();
    const dir = makeTempDir('migrations');
    cleanups.push(() => removeTempDir(dir));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(pool, dir);
    writeFileSync(join(dir, '001_schools_users_menus.sql'), '-- edited\nSELECT 1;');
    const error = await migrate(pool, dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MIGRATION_CHANGED' });
    expect((error as Error).message).toContain('001_schools_users_menus.sql');
  });

  test('refuses a misnamed migration file instead of skipping it', async () => {
    const pool = await freshDatabase();
    const dir = makeTempDir('migrations');
    cleanups.push(() => removeTempDir(dir));
    writeFileSync(join(dir, '3_oops.sql'), 'SELECT 1;');
    await expect(migrate(pool, dir)).rejects.toMatchObject({ code: 'MIGRATION_BAD_NAME' });
  });
});
