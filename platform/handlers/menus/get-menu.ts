import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { z } from 'zod';
import { authenticate } from '../../auth/authenticate.ts';
import { menuKey } from '../../cache/keys.ts';
import { readThrough } from '../../cache/read-through.ts';
import { notFound } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { validate } from '../../http/request-body.ts';
import { jsonResult } from '../../http/responses.ts';
import { loadMenu } from '../../menus/load-menu.ts';
import { runtime } from '../../runtime.ts';

/** Menus change rarely; a minute of staleness is the price of not asking Postgres on every view. */
const MENU_TTL_SECONDS = 60;

// z.iso.date() checks the calendar too: 2025-02-30 is refused.
const menuQuery = z.object({ date: z.iso.date() });

/** GET /schools/{schoolId}/menus?date=YYYY-MM-DD, cache-aside in Redis; `x-cache` says hit, miss or bypass. */
export const getMenu = defineHandler(async (event) => {
  const principal = await authenticate(event);
  const { date } = validate(menuQuery, event.queryStringParameters ?? {});
  const schoolId = event.pathParameters?.schoolId ?? '';
  // Another school's menu is as invisible as an unknown school: 404, not 403.
  if (schoolId !== principal.schoolId) throw notFound(`School ${schoolId}`);

  const { db, redis } = runtime();
  const { value: menu, cache } = await readThrough(redis, menuKey(schoolId, date), MENU_TTL_SECONDS, () =>
    loadMenu(db, schoolId, date),
  );
  if (!menu) throw notFound(`School ${schoolId}`);
  return jsonResult(200, menu, { 'x-cache': cache });
}) satisfies APIGatewayProxyHandlerV2;
