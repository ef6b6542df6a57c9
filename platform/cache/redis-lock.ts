import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Deletes the key only if it still holds our token, so an expired lock is never released by its old owner. */
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export type LockAttempt =
  | { state: 'acquired'; release: () => Promise<void> }
  | { state: 'busy' }
  /** Redis did not answer: the caller must rely on its durable guard alone. */
  | { state: 'unavailable' };

/** One atomic `SET key token NX PX ttl`: at most one holder at a time, and the lock expires if its holder dies. */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<LockAttempt> {
  const token = randomUUID();
  let reply: string | null;
  try {
    reply = await redis.set(key, token, 'PX', ttlMs, 'NX');
  } catch {
    return { state: 'unavailable' };
  }
  if (reply !== 'OK') return { state: 'busy' };
  return {
    state: 'acquired',
    release: async () => {
      await redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined);
    },
  };
}
