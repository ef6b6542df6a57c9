import type { Route } from '../gateway/route-table.ts';
import { readJsonBody } from '../http/request-body.ts';
import { requireWireCredentials } from './wire-credentials.ts';
import { AwsWireError, wireHandler, type WireProtocol } from './wire-protocol.ts';
import type { JsonRpcService, WireRoute } from './wire-route.ts';

export interface AwsWireServices {
  /** REST-JSON APIs by name (`lambda`, `fis`) and the path prefixes they own. */
  rest: { name: string; prefixes: string[]; routes: WireRoute[] }[];
  /** JSON-RPC APIs (CodeDeploy JSON 1.1, CloudWatch JSON 1.0), chosen by X-Amz-Target. */
  rpc: (JsonRpcService & { protocol: WireProtocol })[];
}

const unknownOperation = (what: string): AwsWireError =>
  new AwsWireError(404, 'UnknownOperationException', `The local platform does not serve ${what}`);

/**
 * The AWS APIs the platform speaks on its own listener, next to the HTTP API and the control
 * API: REST routes by path, and `POST /` by X-Amz-Target. Each is behind the admin token
 * (wire-credentials.ts), and a path or target it does not serve gets the AWS-shaped error.
 */
export function awsWireRoutes(adminToken: string, services: AwsWireServices): Route[] {
  const routes: Route[] = [];
  for (const service of services.rest) {
    const guard = (route: WireRoute): Route => ({
      routeKey: route.routeKey,
      functionName: `hasivu-aws-${service.name}`,
      handler: requireWireCredentials(adminToken, 'rest-json', route.handler),
    });
    routes.push(...service.routes.map(guard));
    for (const prefix of service.prefixes)
      for (const routeKey of [`ANY ${prefix}`, `ANY ${prefix}/{proxy+}`])
        routes.push(
          guard({
            routeKey,
            handler: wireHandler('rest-json', {}, (event) => {
              throw unknownOperation(`${event.requestContext.http.method} ${event.rawPath}`);
            }),
          }),
        );
  }
  const byPrefix = new Map(services.rpc.map((service) => [service.targetPrefix, service]));
  routes.push({
    routeKey: 'POST /',
    functionName: 'hasivu-aws-json-rpc',
    handler: async (event, context) => {
      const target = event.headers['x-amz-target'] ?? '';
      const [prefix = '', operation = ''] = target.split('.');
      const service = byPrefix.get(prefix);
      const protocol = service?.protocol ?? 'json-1.1';
      const handler = wireHandler(protocol, service?.names ?? {}, (request) => {
        const run = service?.operations[operation];
        if (!service || !run || !Object.hasOwn(service.operations, operation))
          throw new AwsWireError(
            400,
            'UnknownOperationException',
            `The local platform does not serve X-Amz-Target ${JSON.stringify(target)}`,
          );
        const input = request.body ? readJsonBody(request) : {};
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          throw new AwsWireError(400, 'SerializationException', 'The request body must be a JSON object');
        return run(input as Record<string, unknown>, request);
      });
      return requireWireCredentials(adminToken, protocol, handler)(event, context);
    },
  });
  return routes;
}
