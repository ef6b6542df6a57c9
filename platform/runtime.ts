import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { PlatformConfig } from './config.ts';
import type { ObjectStore } from './storage/object-store.ts';

/** What a Lambda would build at cold start: config, connections, and what start-up has done so far. */
export interface PlatformRuntime {
  readonly config: PlatformConfig;
  readonly db: pg.Pool;
  readonly redis: Redis;
  readonly storage: ObjectStore;
  /** The HS256 key, encoded once rather than per request. */
  readonly jwtKey: Uint8Array;
  readonly startup: { migrationsApplied: boolean; warmedUp: boolean };
}

/**
 * Handlers keep the exact Lambda signature `(event, context)`, so their dependencies
 * cannot come in as arguments. On AWS they would be module-level singletons; here one
 * process may run several platforms (tests do), so the gateway runs every invocation
 * inside the runtime of the platform it belongs to.
 */
const current = new AsyncLocalStorage<PlatformRuntime>();

export function runWithRuntime<T>(runtime: PlatformRuntime, fn: () => T): T {
  return current.run(runtime, fn);
}

export function runtime(): PlatformRuntime {
  const found = current.getStore();
  if (!found) throw new Error('No platform runtime: handlers must be invoked through the gateway (runWithRuntime)');
  return found;
}
