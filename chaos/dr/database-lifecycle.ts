import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import { captureOutput } from '../../common/child-process.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { redact, registerSecret } from '../../common/redact.ts';
import type { PostgresTools } from './postgres-tools.ts';

/** The database a URL names, and a URL to the server's maintenance database beside it. */
export function databaseOf(url: string): { name: string; maintenanceUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!name) throw new HarnessError('DB_URL', `the database URL ${redact(url)} names no database`);
  parsed.pathname = '/postgres';
  return { name, maintenanceUrl: parsed.toString() };
}

/**
 * libpq's environment for a URL: the tools connect through it, so no password ever appears on
 * a command line (`ps` shows those) or in an error message that quotes the command.
 */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  registerSecret(decodeURIComponent(parsed.password));
  return {
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    ...(parsed.password ? { PGPASSWORD: decodeURIComponent(parsed.password) } : {}),
    PGDATABASE: databaseOf(url).name,
    PGCONNECT_TIMEOUT: '5',
  };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function onMaintenance<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseOf(url).maintenanceUrl,
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BackupFile {
  path: string;
  bytes: number;
  /** Epoch ms: pg_dump started (its snapshot is taken as it connects) and finished. */
  startedAt: number;
  completedAt: number;
}

/** A consistent logical backup in pg_dump's custom format, bounded in time. */
export async function backupDatabase(
  url: string,
  path: string,
  tools: PostgresTools,
  timeoutMs = 120_000,
): Promise<BackupFile> {
  await mkdir(dirname(path), { recursive: true });
  const startedAt = Date.now();
  const dump = await captureOutput(tools.pgDump, ['--format=custom', '--no-owner', '--file', path], {
    timeoutMs,
    env: { ...process.env, ...libpqEnv(url) },
  });
  if (!dump.ok) {
    throw new HarnessError('DB_BACKUP', `pg_dump failed: ${redact(dump.failure ?? '')}`);
  }
  return { path, bytes: (await stat(path)).size, startedAt, completedAt: Date.now() };
}

/** The disaster: the database is dropped, open sessions and all (Postgres 13+ `WITH (FORCE)`). */
export async function destroyDatabase(url: string): Promise<number> {
  const { name } = databaseOf(url);
  await onMaintenance(url, (client) => client.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`));
  return Date.now();
}

/**
 * An empty database of the same name, then the backup restored into it in one transaction:
 * traffic that keeps arriving sees no tables until the whole restore commits, instead of
 * half-restored tables (and deadlocks between its inserts and the restore's foreign keys).
 */
export async function restoreDatabase(
  url: string,
  backup: BackupFile,
  tools: PostgresTools,
  timeoutMs = 300_000,
): Promise<number> {
  const { name } = databaseOf(url);
  await onMaintenance(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const env = libpqEnv(url);
  const restore = await captureOutput(
    tools.pgRestore,
    ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', env.PGDATABASE ?? '', backup.path],
    { timeoutMs, env: { ...process.env, ...env } },
  );
  if (!restore.ok) {
    throw new HarnessError('DB_RESTORE', `pg_restore failed: ${redact(restore.failure ?? '')}`);
  }
  return Date.now();
}
