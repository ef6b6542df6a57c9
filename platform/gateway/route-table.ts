import type { PlatformHandler } from '../http/platform-handler.ts';

/** One API Gateway route: `routeKey` is `METHOD /path/{param}`, or `ANY /prefix/{proxy+}` for a greedy tail. */
export interface Route {
  routeKey: string;
  /** The Lambda function behind the route, as named in its Context. */
  functionName: string;
  handler: PlatformHandler;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  method: string;
  segments: string[];
}

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

function compile(route: Route): CompiledRoute {
  const [method, path, extra] = route.routeKey.split(' ');
  if (!method || !path?.startsWith('/') || extra !== undefined) {
    throw new Error(`route key ${JSON.stringify(route.routeKey)} must look like "GET /orders/{orderId}"`);
  }
  return { route, method, segments: path.split('/').slice(1) };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const param = PARAM.exec(part);
    if (param?.[1] && param[2] === '+') {
      // Greedy, like API Gateway's {proxy+}: the rest of the path, at least one segment.
      const rest = actual.slice(index);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      params[param[1]] = rest.join('/');
      return params;
    }
    const value = actual[index];
    if (value === undefined) return undefined;
    if (param?.[1]) {
      if (value === '') return undefined;
      params[param[1]] = value;
    } else if (part !== value) {
      return undefined;
    }
  }
  return pattern.length === actual.length ? params : undefined;
}

/** Matches requests to routes in the order given: list specific routes before catch-alls. */
export function createRouteTable(routes: readonly Route[]): (method: string, path: string) => RouteMatch | undefined {
  const compiled = routes.map(compile);
  return (method, path) => {
    let actual: string[];
    try {
      actual = path.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return undefined; // Broken percent-encoding names no route.
    }
    for (const candidate of compiled) {
      if (candidate.method !== method && candidate.method !== 'ANY') continue;
      const pathParameters = matchSegments(candidate.segments, actual);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return undefined;
  };
}
