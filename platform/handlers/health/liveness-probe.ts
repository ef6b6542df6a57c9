import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { defineHandler } from '../../http/platform-handler.ts';
import { runtime } from '../../runtime.ts';
import { healthResult } from './health-result.ts';

/** GET /health/live: the process answers. Touches no dependency, so a dead database never gets it restarted. */
export const livenessProbe = defineHandler(() =>
  Promise.resolve(
    healthResult(runtime().config, 'HASIVU platform liveness: the process answers', {
      'uptime:duration': [
        {
          componentType: 'system',
          observedValue: Math.round(process.uptime()),
          observedUnit: 's',
          status: 'pass',
          time: new Date().toISOString(),
        },
      ],
    }),
  ),
) satisfies APIGatewayProxyHandlerV2;
