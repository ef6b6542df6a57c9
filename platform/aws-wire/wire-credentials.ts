import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { sameToken } from '../../common/same-token.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { AwsWireError, wireErrorResult, type WireProtocol } from './wire-protocol.ts';

/**
 * The access key id of a SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<service>/aws4_request, ...`).
 */
export function accessKeyId(authorization: string | undefined): string | undefined {
  const credential = /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1];
  if (!credential) return undefined;
  // The scope after the id has exactly four parts; the id itself is everything before them.
  const parts = credential.split('/');
  return parts.length > 4 ? parts.slice(0, -4).join('/') : undefined;
}

const credentialsOf = (event: APIGatewayProxyEventV2): (string | undefined)[] => [
  accessKeyId(event.headers.authorization),
  event.headers['x-admin-token'],
];

/**
 * The AWS endpoints change what the platform serves, as the control API does, so they take
 * the same admin token: as the access key id of the SDK's credentials (the signature is
 * accepted unverified, the secret key may be anything), or as `x-admin-token`.
 */
export function requireWireCredentials(
  adminToken: string,
  protocol: WireProtocol,
  handler: PlatformHandler,
): PlatformHandler {
  return async (event, context) => {
    if (credentialsOf(event).some((given) => sameToken(given, adminToken))) return handler(event, context);
    return wireErrorResult(
      protocol,
      new AwsWireError(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid: the local platform takes its admin token (HASIVU_ADMIN_TOKEN) as the access key id',
      ),
      event.requestContext.requestId,
    );
  };
}
