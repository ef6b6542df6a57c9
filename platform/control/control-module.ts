import type { PlatformHandler } from '../http/platform-handler.ts';

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
