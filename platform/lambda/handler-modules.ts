import { ownModuleUrl } from '../../common/own-module.ts';
import { PLATFORM_ENDPOINT_LIST } from '../../common/platform-endpoints.ts';

/**
 * Where each function's handler lives, so a version's worker loads that one handler
 * (as a Lambda package holds one function) instead of every route: a smaller init.
 * Each module exports the handler under the function's name; handler-modules.test.ts
 * checks this against routes.ts.
 */
const PATHS: ReadonlyMap<string, string> = new Map(
  PLATFORM_ENDPOINT_LIST.map((endpoint) => [endpoint.functionName, `../handlers/${endpoint.handlerModule}`]),
);

/** The module URL of a function's handler, or undefined for a function with no module listed. */
export function handlerModule(functionName: string): string | undefined {
  const path = PATHS.get(functionName);
  return path === undefined ? undefined : ownModuleUrl(path, import.meta.url).href;
}
