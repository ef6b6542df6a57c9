import { HarnessError } from '../../common/harness-error.ts';
import { findBinary } from '../../common/find-binary.ts';
import { debianPostgresBinDirs } from '../../fixtures/services/postgres-bin-dirs.ts';

export interface PostgresTools {
  pgDump: string;
  pgRestore: string;
}

/**
 * `pg_dump` and `pg_restore` from the same places the native services provider finds
 * `postgres` (PATH, then Debian's /usr/lib/postgresql/<major>/bin, newest first).
 */
export function findPostgresTools(env: NodeJS.ProcessEnv = process.env): PostgresTools {
  const dirs = debianPostgresBinDirs();
  const pgDump = findBinary('pg_dump', { env, extraDirs: dirs });
  const pgRestore = findBinary('pg_restore', { env, extraDirs: dirs });
  if (!pgDump || !pgRestore) {
    throw new HarnessError(
      'NO_PG_TOOLS',
      `the db-restore drill needs pg_dump and pg_restore (missing: ${[!pgDump && 'pg_dump', !pgRestore && 'pg_restore'].filter(Boolean).join(', ')}); ` +
        'install the postgresql client (scripts/bootstrap.sh does) or put its bin directory on PATH',
    );
  }
  return { pgDump, pgRestore };
}
