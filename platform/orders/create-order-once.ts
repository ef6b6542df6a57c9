import type { Redis } from 'ioredis';
import type { Principal } from '../auth/access-token.ts';
import { idempotencyLockKey } from '../cache/keys.ts';
import { tryLock } from '../cache/redis-lock.ts';
import { waitFor, WaitTimeoutError } from '../../common/wait-for.ts';
import { ApiError } from '../http/api-error.ts';
import { isDependencyUnavailable } from '../http/dependency-errors.ts';
import type { PlatformRuntime } from '../runtime.ts';
import { findOrderByKey, insertOrderOnce, type Order, type StoredOrder } from './order-repository.ts';
import { requestFingerprint, type OrderRequest } from './order-request.ts';
import { priceOrder } from './price-order.ts';

/** Test-only bug (orders-stay-broken): the platforms whose order path has seen Postgres down and never recovers. */
const brokenOrderPaths = new WeakSet<PlatformRuntime>();

const stillBroken = (): ApiError =>
  new ApiError(503, 'SERVICE_UNAVAILABLE', 'The database is unavailable; try again later');

/** Longer than any create takes; if a holder dies, its lock frees itself after this. */
const LOCK_TTL_MS = 10_000;
/** How long a duplicate waits for the request holding the lock before it takes the database path itself. */
const WAIT_FOR_HOLDER_MS = 5000;

export interface CreatedOrder {
  order: Order;
  /** True when this key had already created the order and it is being returned again. */
  replayed: boolean;
}

async function lockReleased(redis: Redis, lockKey: string): Promise<boolean> {
  try {
    return (await redis.exists(lockKey)) === 0;
  } catch {
    return true; // Redis is gone: nobody can wait on its lock any more.
  }
}

function replay(stored: StoredOrder, fingerprint: string, key: string): CreatedOrder {
  if (stored.requestFingerprint !== fingerprint) {
    throw new ApiError(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key ${JSON.stringify(key)} was already used for a different order; use a new key for a new order`,
    );
  }
  return { order: stored.order, replayed: true };
}

/**
 * Creates the order at most once per (user, Idempotency-Key). Two guards:
 * - a Redis `SET NX` lock lets one request do the work while duplicates wait for its result;
 * - the unique constraint in Postgres is the durable guard, and the only one when Redis is
 *   down or has lost its keys.
 */
export async function createOrderOnce(
  runtime: PlatformRuntime,
  principal: Principal,
  key: string,
  request: OrderRequest,
): Promise<CreatedOrder> {
  const { db, redis, config } = runtime;
  const staysBroken = config.misbehaviour.includes('orders-stay-broken');
  if (staysBroken && brokenOrderPaths.has(runtime)) throw stillBroken();
  const fingerprint = requestFingerprint(request);
  const existing = await findOrderByKey(db, principal.userId, key).catch((error: unknown) => {
    if (staysBroken && isDependencyUnavailable(error)) brokenOrderPaths.add(runtime);
    throw error;
  });
  if (existing) return replay(existing, fingerprint, key);

  const lockKey = idempotencyLockKey(principal.userId, key);
  const lock = await tryLock(redis, lockKey, LOCK_TTL_MS);
  if (lock.state === 'busy') {
    try {
      // Either the holder commits the order, or it gives up (say, a 400) and releases the lock.
      const outcome = await waitFor(
        `the request holding the lock of Idempotency-Key ${key} to finish`,
        async () =>
          (await findOrderByKey(db, principal.userId, key)) ??
          ((await lockReleased(redis, lockKey)) ? 'released' : undefined),
        { timeoutMs: WAIT_FOR_HOLDER_MS, intervalMs: 20 },
      );
      if (outcome !== 'released') return replay(outcome, fingerprint, key);
    } catch (error) {
      // The holder is slow: take the database path, which is safe on its own.
      if (!(error instanceof WaitTimeoutError)) throw error;
    }
  }
  try {
    const priced = await priceOrder(db, principal, request);
    const inserted = await insertOrderOnce(db, {
      userId: principal.userId,
      idempotencyKey: key,
      requestFingerprint: fingerprint,
      request,
      priced,
    });
    if (inserted) {
      if (lock.state === 'unavailable' && config.misbehaviour.includes('commit-then-fail')) {
        throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'The cache is unavailable; try again later');
      }
      return { order: inserted.order, replayed: false };
    }
    const winner = await findOrderByKey(db, principal.userId, key);
    if (!winner) throw new Error(`order for Idempotency-Key ${key} conflicted but cannot be found`);
    return replay(winner, fingerprint, key);
  } finally {
    if (lock.state === 'acquired') await lock.release();
  }
}
