import { defineHandler } from '../http/platform-handler.ts';
import { errorResult } from '../http/responses.ts';
import type { Route } from '../gateway/route-table.ts';
import type { ControlModule } from './control-module.ts';
import { pingControl } from './ping.ts';
import { requireAdminToken } from './require-admin-token.ts';

/** Any other /_control/ path: after the token check, so without a token even the 404 is a 401. */
const unknownControlRoute: ControlModule = {
  name: 'not-found',
  routes: [
    {
      routeKey: 'ANY /_control/{proxy+}',
      handler: defineHandler((event) =>
        Promise.resolve(
          errorResult(
            404,
            'NOT_FOUND',
            `No control route ${event.requestContext.http.method} ${event.rawPath}`,
            event.requestContext.requestId,
          ),
        ),
      ),
    },
  ],
};

/**
 * The local-only control API, every route behind the admin token. It is mounted only by
 * startPlatform, which is local by construction; a real deployment never has it.
 */
export function controlRoutes(adminToken: string, modules: readonly ControlModule[]): Route[] {
  return [pingControl, ...modules, unknownControlRoute].flatMap((module) =>
    module.routes.map((route) => ({
      routeKey: route.routeKey,
      functionName: `hasivu-control-${module.name}`,
      handler: requireAdminToken(adminToken, route.handler),
    })),
  );
}
