import { DB_RESTORE_DEFAULTS, type DbRestoreSettings } from './db-restore-drill.ts';

/**
 * Disaster-recovery drills written in code rather than as drill files: they act on the
 * database itself (pg_dump, drop, pg_restore), which the drill file's vocabulary does not
 * have. `db-restore` quiesces writes around the backup, so nothing acknowledged may be lost;
 * `db-restore-late-writes` lets orders land after the backup, and the restore must report
 * exactly those as lost (RPO > 0).
 */
export const DR_DRILLS: Readonly<Record<string, { title: string; settings: DbRestoreSettings }>> = {
  'db-restore': {
    title: 'The database is lost and restored from its latest backup; every acknowledged order survives',
    settings: DB_RESTORE_DEFAULTS,
  },
  'db-restore-late-writes': {
    title: 'Orders acknowledged after the last backup are lost by a restore, and reported by id',
    settings: { ...DB_RESTORE_DEFAULTS, writesAfterBackup: 10 },
  },
};

export const DR_DRILL_NAMES: readonly string[] = Object.keys(DR_DRILLS);
