import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_MENU } from '../../db/demo-data.ts';
import { call, expectError } from '../../test-support/api-client.ts';
import { MenuSchema } from '../../../fixtures/platform-contract/business.ts';
import { login, type Session } from '../../test-support/demo-session.ts';
import { createOtherParent } from '../../test-support/other-parent.ts';

const { url, demoParent } = inject('platform');
const { databaseUrl } = inject('services');

/** A date no other test asks for, so the first read is a guaranteed cache miss. */
function unusedDate(): string {
  const day = new Date(Date.UTC(2030, 0, 1) + randomInt(0, 3650) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

let session: Session;
beforeAll(async () => {
  session = await login(url, demoParent);
});

const menuPath = (schoolId: string, date: string): string => `/schools/${schoolId}/menus?date=${date}`;

describe('GET /schools/{schoolId}/menus', () => {
  test('returns every seeded item with price in paise and INR', async () => {
    const date = unusedDate();
    const response = await call(url, 'GET', menuPath(session.schoolId, date), {
      token: session.token,
    });
    expect(response.status).toBe(200);
    const menu = MenuSchema.parse(response.json);
    expect(menu).toMatchObject({ schoolId: session.schoolId, date });
    expect(menu.items.map((item) => item.id).sort()).toEqual(DEMO_MENU.map((item) => item.id).sort());
  });

  test('serves the second read of a date from the cache, with the same body', async () => {
    const path = menuPath(session.schoolId, unusedDate());
    const first = await call(url, 'GET', path, { token: session.token });
    const second = await call(url, 'GET', path, { token: session.token });
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['miss', 'hit']);
    expect(second.json).toEqual(first.json);
  });

  test.each(['2026-02-30', '2026-13-01', 'tomorrow', '01-12-2026'])(
    'refuses the date %s with 400 VALIDATION_FAILED',
    async (date) => {
      const response = await call(url, 'GET', menuPath(session.schoolId, date), {
        token: session.token,
      });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json).toMatchObject({ error: { details: { date: [expect.any(String)] } } });
    },
  );

  test('refuses a missing date with 400 VALIDATION_FAILED', async () => {
    expectError(
      await call(url, 'GET', `/schools/${session.schoolId}/menus`, { token: session.token }),
      400,
      'VALIDATION_FAILED',
    );
  });

  test('answers an unknown school with 404', async () => {
    expectError(
      await call(url, 'GET', menuPath(randomUUID(), '2026-12-01'), { token: session.token }),
      404,
      'NOT_FOUND',
    );
  });

  test("hides another school's menu behind 404", async () => {
    const other = await createOtherParent(databaseUrl, { newSchool: true });
    const otherSession = await login(url, other);
    expectError(
      await call(url, 'GET', menuPath(session.schoolId, '2026-12-01'), {
        token: otherSession.token,
      }),
      404,
      'NOT_FOUND',
    );
  });

  test('needs a bearer token', async () => {
    expectError(await call(url, 'GET', menuPath(session.schoolId, '2026-12-01')), 401, 'UNAUTHENTICATED');
  });
});
