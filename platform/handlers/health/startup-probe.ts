import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { defineHandler } from '../../http/platform-handler.ts';
import { runtime } from '../../runtime.ts';
import type { CheckResult } from './checks/health-types.ts';
import { healthResult } from './health-result.ts';

function flag(done: boolean, what: string): CheckResult {
  return {
    componentType: 'component',
    status: done ? 'pass' : 'fail',
    time: new Date().toISOString(),
    ...(done ? {} : { output: `${what} not finished yet` }),
  };
}

/** GET /health/startup: 200 once migrations are applied and warm-up is done, 503 before. */
export const startupProbe = defineHandler(() => {
  const { startup, config } = runtime();
  return Promise.resolve(
    healthResult(config, 'HASIVU platform start-up: migrations and warm-up', {
      'migrations:applied': [flag(startup.migrationsApplied, 'database migrations')],
      'warmup:done': [flag(startup.warmedUp, 'warm-up')],
    }),
  );
}) satisfies APIGatewayProxyHandlerV2;
