import { issueAccessToken, verifyAccessToken } from './auth/access-token.ts';
import type { PlatformRuntime } from './runtime.ts';

/** Pool connections opened ahead of traffic; a fresh Postgres connection costs a few ms. */
const WARM_CONNECTIONS = 3;

/**
 * Pays the first-request costs before listening, as a provisioned-concurrency Lambda
 * would: open a few database connections, touch the cache, the object store and the JWT code path.
 */
export async function warmUp({ db, redis, storage, jwtKey }: PlatformRuntime): Promise<void> {
  const probe = 'warm-up/probe';
  await Promise.all([
    ...Array.from({ length: WARM_CONNECTIONS }, () => db.query('SELECT 1')),
    redis.ping(),
    storage.put(probe, Buffer.from('warm')).then(() => storage.delete(probe)),
    issueAccessToken({ userId: crypto.randomUUID(), role: 'parent', schoolId: crypto.randomUUID() }, jwtKey).then(
      (token) => verifyAccessToken(token, jwtKey),
    ),
  ]);
}
