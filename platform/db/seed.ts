import type pg from 'pg';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { DEMO_MENU, DEMO_SCHOOL, DEMO_STUDENT_NAME, SECOND_DEMO_STUDENT_NAME } from './demo-data.ts';
import { withTransaction } from './with-transaction.ts';

/** Serialises seeders, like the migration lock, so two platforms on one database agree. */
const SEED_LOCK_KEY = 4_815_162_343;

interface Account {
  email: string;
  password: string;
}

/**
 * Seeds one school, its menu, one parent with one student, and optionally a second parent
 * with a student of their own (so suites can check that users cannot see each other's
 * data). Idempotent: a second run changes nothing, except a password that changed.
 */
export async function seedDemoData(pool: pg.Pool, parent: Account, secondParent?: Account): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    await client.query('INSERT INTO schools (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
      DEMO_SCHOOL.id,
      DEMO_SCHOOL.name,
    ]);
    for (const item of DEMO_MENU) {
      await client.query(
        `INSERT INTO menu_items (id, school_id, name, category, price_minor, currency, allergens)
         VALUES ($1, $2, $3, $4, $5, 'INR', $6) ON CONFLICT (id) DO NOTHING`,
        [item.id, DEMO_SCHOOL.id, item.name, item.category, item.priceMinor, item.allergens],
      );
    }
    await seedParent(client, parent, DEMO_STUDENT_NAME);
    if (secondParent) await seedParent(client, secondParent, SECOND_DEMO_STUDENT_NAME);
  });
}

async function seedParent(client: pg.PoolClient, parent: Account, studentName: string): Promise<void> {
  const found = await client.query<{ id: string; password_hash: string }>(
    'SELECT id, password_hash FROM users WHERE email = $1',
    [parent.email],
  );
  let parentId = found.rows[0]?.id;
  if (!parentId) {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, role, school_id) VALUES ($1, $2, 'parent', $3) RETURNING id`,
      [parent.email, await hashPassword(parent.password), DEMO_SCHOOL.id],
    );
    parentId = inserted.rows[0]?.id;
  } else if (!(await verifyPassword(parent.password, found.rows[0]?.password_hash ?? ''))) {
    await client.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
      parentId,
      await hashPassword(parent.password),
    ]);
  }
  await client.query(
    `INSERT INTO students (school_id, parent_id, name)
     SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM students WHERE parent_id = $2)`,
    [DEMO_SCHOOL.id, parentId, studentName],
  );
}
