import { defineHandler } from '../http/platform-handler.ts';
import { jsonResult } from '../http/responses.ts';
import { runtime } from '../runtime.ts';
import type { ControlModule } from './control-module.ts';

/** GET /_control/ping: proves the control API is mounted and the token is right. */
export const pingControl: ControlModule = {
  name: 'ping',
  routes: [
    {
      routeKey: 'GET /_control/ping',
      handler: defineHandler(() =>
        Promise.resolve(
          jsonResult(200, {
            pong: true,
            releaseId: runtime().config.releaseId,
            time: new Date().toISOString(),
          }),
        ),
      ),
    },
  ],
};
