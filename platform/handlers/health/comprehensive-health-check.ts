import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { defineHandler } from '../../http/platform-handler.ts';
import { runtime } from '../../runtime.ts';
import { cacheCheck } from './checks/cache-check.ts';
import { databaseCheck } from './checks/database-check.ts';
import { memoryCheck } from './checks/memory-check.ts';
import { storageCheck } from './checks/storage-check.ts';
import { healthResult } from './health-result.ts';

/** GET /health: every dependency, probed in parallel so the slowest sets the latency, not the sum. */
export const comprehensiveHealthCheck = defineHandler(async () => {
  const { db, redis, storage, config } = runtime();
  const [database, cache, objectStorage] = await Promise.all([
    databaseCheck(db),
    cacheCheck(redis),
    storageCheck(storage),
  ]);
  return healthResult(config, 'HASIVU platform: database, cache, object storage and memory', {
    'database:responseTime': [database],
    'cache:responseTime': [cache],
    'storage:responseTime': [objectStorage],
    'memory:utilization': [memoryCheck()],
  });
}) satisfies APIGatewayProxyHandlerV2;
