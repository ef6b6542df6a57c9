import { createHash, timingSafeEqual } from 'node:crypto';
import { errorResult } from '../http/responses.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares digests so the comparison takes the same time whatever the length of the guess. */
export function sameToken(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

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
