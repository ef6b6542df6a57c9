import type { Redis } from 'ioredis';
import { KEY_PREFIX } from '../cache/keys.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { defineHandler } from '../http/platform-handler.ts';
import { jsonResult } from '../http/responses.ts';
import { runtime } from '../runtime.ts';
import type { ControlModule } from './control-module.ts';

/** Enough for any test run; the bound keeps a runaway keyspace from stalling the reset. */
const MAX_SCAN_ROUNDS = 1000;

/** Deletes the idempotency locks; returns how many, or null when Redis is unreachable (they expire anyway). */
async function deleteIdempotencyLocks(redis: Redis): Promise<number | null> {
  try {
    let cursor = '0';
    let deleted = 0;
    for (let round = 0; round < MAX_SCAN_ROUNDS; round++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${KEY_PREFIX}idem-lock:*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
    return deleted;
  } catch {
    return null;
  }
}

/**
 * POST /_control/reset: forget orders, payments and idempotency data; the seed (school,
 * menu, users) stays. The emulated AWS state goes back to its start as well (`emulation`).
 */
export const resetControl = (resetEmulation: () => Promise<void>): ControlModule => ({
  name: 'reset',
  routes: [
    {
      routeKey: 'POST /_control/reset',
      handler: defineHandler(async () => {
        const { db, redis } = runtime();
        const { orders, paymentIntents } = await withTransaction(db, async (client) => {
          const paymentIntents = (await client.query('DELETE FROM payment_intents')).rowCount ?? 0;
          // order_items go with their orders (ON DELETE CASCADE); the idempotency keys live on the orders.
          const orders = (await client.query('DELETE FROM orders')).rowCount ?? 0;
          return { orders, paymentIntents };
        });
        const idempotencyLocks = await deleteIdempotencyLocks(redis);
        await resetEmulation();
        return jsonResult(200, {
          deleted: { orders, paymentIntents, idempotencyLocks },
          emulation: 'reset',
        });
      }),
    },
  ],
});
