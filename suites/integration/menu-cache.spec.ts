import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { MenuSchema, type Menu } from '../../fixtures/platform-contract/business.ts';
import { menuKey } from '../../platform/cache/keys.ts';
import { check } from '../../reports/vitest/check-meta.ts';
import { expectStatus, parseContract } from '../assertions/contract-assertions.ts';
import { test } from './fixtures.ts';
import { menuPath, randomDeliveryDate } from './order-helpers.ts';

const TAGS = ['integration'];

describe('menu cache in Redis', () => {
  test(
    'the menu read is served from Redis on the second call',
    check('integration.menu.cache-hit', 'integration', 'major', TAGS),
    async ({ client, session, redis }) => {
      const date = randomDeliveryDate();
      const key = menuKey(session.schoolId, date);
      const path = menuPath(session, date);
      const read = async (): Promise<{ cache: string | undefined; menu: Menu }> => {
        const response = await client.get(path, { token: session.token });
        expectStatus(response, 200, 'the demo school has a menu every day');
        return { cache: response.headers['x-cache'], menu: parseContract(MenuSchema, response) };
      };
      await redis.del(key);

      const first = await read();
      expect(first.cache, 'an empty cache is a miss').toBe('miss');
      // The miss stored exactly what it answered, with an expiry.
      expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual(first.menu);
      expect(await redis.ttl(key)).toBeGreaterThan(0);

      const second = await read();
      expect(second).toEqual({ cache: 'hit', menu: first.menu });

      // Observable, not assumed: change the cached copy behind the platform's back, and the
      // next answer carries the change, so it can only have come from Redis.
      const marker = `from-redis-${randomUUID()}`;
      const [firstItem, ...rest] = first.menu.items;
      expect(firstItem).toBeDefined();
      await redis.set(
        key,
        JSON.stringify({ ...first.menu, items: [{ ...firstItem, name: marker }, ...rest] }),
        'KEEPTTL',
      );
      const third = await read();
      expect(third.cache).toBe('hit');
      expect(third.menu.items[0]?.name).toBe(marker);

      // Without the cached copy the menu comes from Postgres again, unchanged.
      await redis.del(key);
      expect(await read()).toEqual({ cache: 'miss', menu: first.menu });
    },
  );
});
