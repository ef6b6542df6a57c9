import { sameToken } from '../../common/same-token.ts';
import { errorResult } from '../http/responses.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';

/** Lets a control request through only with the right `x-admin-token`; 401 otherwise. */
export function requireAdminToken(adminToken: string, handler: PlatformHandler): PlatformHandler {
  return async (event, context) => {
    if (!sameToken(event.headers['x-admin-token'], adminToken)) {
      return errorResult(
        401,
        'UNAUTHENTICATED',
        'The control API needs the x-admin-token header (HASIVU_ADMIN_TOKEN of the platform)',
        event.requestContext.requestId,
      );
    }
    return handler(event, context);
  };
}
