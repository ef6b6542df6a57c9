import type pg from 'pg';
import { timedCheck } from './timed-check.ts';
import type { CheckResult } from './health-types.ts';

export const databaseCheck = (db: pg.Pool): Promise<CheckResult> => timedCheck('database', () => db.query('SELECT 1'));
