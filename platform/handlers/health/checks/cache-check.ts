import type { Redis } from 'ioredis';
import { timedCheck } from './timed-check.ts';
import type { CheckResult } from './health-types.ts';

export const cacheCheck = (redis: Redis): Promise<CheckResult> => timedCheck('cache', () => redis.ping());
