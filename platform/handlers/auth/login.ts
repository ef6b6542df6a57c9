import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { z } from 'zod';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type UserRole } from '../../auth/access-token.ts';
import { UNKNOWN_USER_HASH, verifyPassword } from '../../auth/password.ts';
import { ApiError } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { parseJsonBody } from '../../http/request-body.ts';
import { jsonResult } from '../../http/responses.ts';
import { runtime } from '../../runtime.ts';

const loginRequest = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(1024),
});

interface UserRow {
  id: string;
  role: UserRole;
  school_id: string;
  password_hash: string;
}

/** POST /auth/login: a bearer token plus the `user` block a suite needs to find its school and student. */
export const login = defineHandler(async (event) => {
  const { email, password } = parseJsonBody(event, loginRequest);
  const { db, jwtKey } = runtime();
  const { rows } = await db.query<UserRow>('SELECT id, role, school_id, password_hash FROM users WHERE email = $1', [
    email,
  ]);
  const user = rows[0];
  // Hash even for an unknown email, so the answer takes as long either way.
  const valid = await verifyPassword(password, user?.password_hash ?? UNKNOWN_USER_HASH);
  if (!user || !valid) throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong');

  const students = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM students WHERE parent_id = $1 ORDER BY name, id',
    [user.id],
  );
  const accessToken = await issueAccessToken({ userId: user.id, role: user.role, schoolId: user.school_id }, jwtKey);
  return jsonResult(200, {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, role: user.role, schoolId: user.school_id, students: students.rows },
  });
}) satisfies APIGatewayProxyHandlerV2;
