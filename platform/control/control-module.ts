import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResult } from '../http/responses.ts';
import { defineHandler, type PlatformHandler } from '../http/platform-handler.ts';

/** A route of the control API; its path is under /_control/. */
export interface ControlRoute {
  routeKey: string;
  handler: PlatformHandler;
}

/**
 * One emulated AWS concern (ping, reset, and later the Lambda alias, alarms, CodeDeploy,
 * FIS faults) contributes its routes as a module; control-routes.ts lists the modules.
 */
export interface ControlModule {
  name: string;
  routes: readonly ControlRoute[];
}

/** A control route that answers JSON computed from the event; thrown ApiErrors become the error envelope. */
export function jsonRoute(
  routeKey: string,
  answer: (event: APIGatewayProxyEventV2) => unknown,
  statusCode = 200,
): ControlRoute {
  return {
    routeKey,
    handler: defineHandler((event) => Promise.resolve(jsonResult(statusCode, answer(event)))),
  };
}
