import type { Redis } from 'ioredis';

/** `bypass`: Redis could not be asked, so the value came from the source without caching. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/**
 * Cache-aside: answer from Redis when it has the value, else load it, store it with a
 * TTL and answer. A failing Redis degrades to the source instead of failing the request.
 * `load` returning undefined (e.g. not found) is not cached.
 */
export async function readThrough<T>(
  redis: Redis,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T | undefined>,
): Promise<{ value: T | undefined; cache: CacheOutcome }> {
  let cached: string | null;
  try {
    cached = await redis.get(key);
  } catch {
    return { value: await load(), cache: 'bypass' };
  }
  if (cached !== null) return { value: JSON.parse(cached) as T, cache: 'hit' };
  const value = await load();
  if (value !== undefined) {
    // A failed write only costs the next request a miss.
    await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds).catch(() => undefined);
  }
  return { value, cache: 'miss' };
}
