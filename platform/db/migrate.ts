import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { HarnessError } from '../../common/harness-error.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** Any fixed number works; it only has to be the same for every platform sharing a database. */
const MIGRATION_LOCK_KEY = 4_815_162_342;
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  /** Versions applied by this call. Empty on a second run: migrating is idempotent. */
  applied: string[];
  /** Every version the database has now. */
  current: string[];
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) {
      // A misnamed file would otherwise be skipped in silence, and its schema never appear.
      throw new HarnessError('MIGRATION_BAD_NAME', `Migration ${join(dir, file)} must be named NNN_snake_case.sql`);
    }
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({
      version: match[1],
      name: match[2],
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return migrations;
}

/**
 * Applies the pending migrations, each in its own transaction, and records them.
 * Concurrent runners (two platforms on one database) queue on an advisory lock, so
 * each migration runs exactly once.
 */
export async function migrate(pool: pg.Pool, dir: string = MIGRATIONS_DIR): Promise<MigrationReport> {
  const migrations = await readMigrations(dir);
  const client = await pool.connect();
  try {
    // The pool's 3 s statement timeout is for requests; waiting for another runner may take longer.
    await client.query("SET statement_timeout = '60s'");
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS platform_migrations (
        version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: string; checksum: string }>(
        'SELECT version, checksum FROM platform_migrations',
      );
      const done = new Map(rows.map((row) => [row.version, row.checksum]));
      const applied: string[] = [];
      for (const migration of migrations) {
        const checksum = done.get(migration.version);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new HarnessError(
              'MIGRATION_CHANGED',
              `Migration ${migration.version}_${migration.name}.sql changed after it was applied. ` +
                'Fix: restore the file and put the change in a new migration, or drop the database.',
            );
          }
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO platform_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return { applied, current: [...done.keys(), ...applied].sort() };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    // Destroyed, not returned: its session settings must not leak into request traffic.
    client.release(true);
  }
}
