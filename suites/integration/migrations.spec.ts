import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../platform/db/migrate.ts';
import { seedDemoData } from '../../platform/db/seed.ts';
import { check } from '../../reports/vitest/check-meta.ts';
import { test as base } from './fixtures.ts';

const TAGS = ['integration'];

/** Every table the platform's code reads or writes; a migration that loses one breaks a handler. */
const PLATFORM_TABLES = [
  'menu_items',
  'order_items',
  'orders',
  'payment_intents',
  'platform_migrations',
  'schools',
  'students',
  'users',
];

/** What the database's public schema consists of, in a form two snapshots can be compared in. */
const SCHEMA_SNAPSHOT = `
  SELECT 'column' AS kind, table_name || '.' || column_name AS name,
         concat_ws(' ', data_type, is_nullable, column_default) AS definition
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL
  SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 'migration', version, checksum || ' ' || applied_at::text FROM platform_migrations
  ORDER BY 1, 2`;

function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined);
  return pool;
}

async function migrationVersions(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR))
    .map((file) => /^(\d{3})_.+\.sql$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort();
}

interface EmptyDatabase {
  url: string;
  pool: pg.Pool;
}

/** Each test gets a database of its own on the run's Postgres, created empty and dropped afterwards. */
const test = base.extend('emptyDatabase', async ({ integration }, { onCleanup }): Promise<EmptyDatabase> => {
  const name = `hv_migrations_${randomUUID().replaceAll('-', '')}`;
  const admin = new URL(integration.databaseUrl);
  admin.pathname = '/postgres';
  const url = new URL(integration.databaseUrl);
  url.pathname = `/${name}`;
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({
      connectionString: admin.toString(),
      connectionTimeoutMillis: 2000,
    });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const pool = poolFor(url.toString());
  onCleanup(async () => {
    await pool.end();
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return { url: url.toString(), pool };
});

describe('database migrations', () => {
  test(
    'migrations apply to an empty database',
    check('integration.migrations.empty-database', 'integration', 'critical', TAGS),
    async ({ emptyDatabase: { pool }, integration }) => {
      const tablesBefore = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tablesBefore.rowCount, 'the database must start empty').toBe(0);

      const report = await migrate(pool);
      const versions = await migrationVersions();
      expect(versions.length).toBeGreaterThan(0);
      expect(report.applied).toEqual(versions);
      expect(report.current).toEqual(versions);

      const { rows } = await pool.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(PLATFORM_TABLES));
      // The platform's own writes work on the result: the seed touches schools, menus, users and students.
      await seedDemoData(pool, integration.demoParent);
      const seeded = await pool.query<{ items: number }>('SELECT count(*)::int AS items FROM menu_items');
      expect(seeded.rows[0]?.items).toBeGreaterThan(0);
    },
  );

  test(
    'migrations are idempotent: a second run applies nothing and changes nothing',
    check('integration.migrations.idempotent', 'integration', 'critical', TAGS),
    async ({ emptyDatabase: { pool } }) => {
      const first = await migrate(pool);
      const before = (await pool.query(SCHEMA_SNAPSHOT)).rows;
      const second = await migrate(pool);
      const after = (await pool.query(SCHEMA_SNAPSHOT)).rows;

      expect(first.applied.length).toBeGreaterThan(0);
      expect(second.applied).toEqual([]);
      expect(second.current).toEqual(first.current);
      expect(after).toEqual(before);
    },
  );

  test(
    'two platforms migrating one database at once apply each migration exactly once',
    check('integration.migrations.concurrent', 'integration', 'major', TAGS),
    async ({ emptyDatabase: { pool, url } }) => {
      // A second pool is a second platform instance: its own connections, the same database.
      const other = poolFor(url);
      try {
        const [a, b] = await Promise.all([migrate(pool), migrate(other)]);
        expect([...a.applied, ...b.applied].sort()).toEqual(await migrationVersions());
        const { rows } = await pool.query<{ version: string; times: number }>(
          'SELECT version, count(*)::int AS times FROM platform_migrations GROUP BY version HAVING count(*) > 1',
        );
        expect(rows).toEqual([]);
      } finally {
        await other.end();
      }
    },
  );
});
