import { Redis } from 'ioredis';

/**
 * A Redis client that fails fast while Redis is away and comes back by itself:
 * no offline queue (a command while disconnected fails at once instead of waiting),
 * short connect and command timeouts, and reconnect attempts at most a second apart.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    // ioredis keeps a 2 s timer after disconnecting a socket that never connected, delaying exit.
    disconnectTimeout: 200,
  });
  // 'never': failures before the first connection are start-up's to report, not outages.
  let state: 'never' | 'up' | 'down' = 'never';
  // Without an 'error' listener ioredis prints every failed reconnect; one line per outage is enough.
  redis.on('error', (error: Error) => {
    if (state === 'up') console.error(`platform: cache connection lost (${error.message}); reconnecting`);
    if (state !== 'never') state = 'down';
  });
  redis.on('ready', () => {
    if (state === 'down') console.error('platform: cache connection restored');
    state = 'up';
  });
  return redis;
}

/** Closes politely when connected, at once when not (QUIT would wait for a reconnect that may never come). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => undefined);
  }
  redis.disconnect();
}
