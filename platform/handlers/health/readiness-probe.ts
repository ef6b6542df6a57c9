import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { defineHandler } from '../../http/platform-handler.ts';
import { runtime } from '../../runtime.ts';
import { cacheCheck } from './checks/cache-check.ts';
import { databaseCheck } from './checks/database-check.ts';
import { healthResult } from './health-result.ts';

/** GET /health/ready: can this instance serve traffic, i.e. are the database and the cache reachable. */
export const readinessProbe = defineHandler(async () => {
  const { db, redis, config } = runtime();
  const [database, cache] = await Promise.all([databaseCheck(db), cacheCheck(redis)]);
  return healthResult(config, 'HASIVU platform readiness: database and cache', {
    'database:responseTime': [database],
    'cache:responseTime': [cache],
  });
}) satisfies APIGatewayProxyHandlerV2;
