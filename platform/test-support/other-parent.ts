import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../auth/password.ts';
import { DEMO_SCHOOL } from '../db/demo-data.ts';

export interface OtherParent {
  email: string;
  password: string;
  schoolId: string;
}

/**
 * A second parent with a student, written straight into Postgres: the API has no sign-up,
 * and tests of "another user's resource" need someone else. Optionally in a new school.
 */
export async function createOtherParent(
  databaseUrl: string,
  options: { newSchool?: boolean } = {},
): Promise<OtherParent> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 2000,
    query_timeout: 5000,
  });
  await client.connect();
  try {
    let schoolId: string = DEMO_SCHOOL.id;
    if (options.newSchool) {
      const school = await client.query<{ id: string }>(
        "INSERT INTO schools (name) VALUES ('Other Test School') RETURNING id",
      );
      schoolId = school.rows[0]?.id ?? '';
    }
    const email = `parent-${randomUUID()}@test.hasivu.test`;
    const password = `pw-${randomUUID()}`;
    const user = await client.query<{ id: string }>(
      "INSERT INTO users (email, password_hash, role, school_id) VALUES ($1, $2, 'parent', $3) RETURNING id",
      [email, await hashPassword(password), schoolId],
    );
    await client.query('INSERT INTO students (school_id, parent_id, name) VALUES ($1, $2, $3)', [
      schoolId,
      user.rows[0]?.id,
      'Other Student',
    ]);
    return { email, password, schoolId };
  } finally {
    await client.end();
  }
}
