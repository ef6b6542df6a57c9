import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ApiError } from './api-error.ts';
import { isDependencyUnavailable } from './dependency-errors.ts';
import { errorResult } from './responses.ts';

/**
 * The narrow form of `APIGatewayProxyHandlerV2` the platform uses: async, never the
 * callback, always a structured result. Every handler module checks itself against the
 * aws-lambda type with `satisfies APIGatewayProxyHandlerV2`.
 */
export type PlatformHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

function toErrorResult(
  error: unknown,
  event: APIGatewayProxyEventV2,
  context: Context,
): APIGatewayProxyStructuredResultV2 {
  const requestId = event.requestContext.requestId;
  if (error instanceof ApiError) {
    return errorResult(error.statusCode, error.code, error.message, requestId, error.details);
  }
  if (isDependencyUnavailable(error)) {
    return errorResult(
      503,
      'SERVICE_UNAVAILABLE',
      'A dependency of this endpoint is unavailable; retry shortly',
      requestId,
    );
  }
  // The stack goes to the log (CloudWatch on AWS), never to the client.
  console.error(`${context.functionName} [${requestId}] failed:`, error);
  return errorResult(500, 'INTERNAL', `Internal error; quote request id ${requestId} when reporting it`, requestId);
}

/**
 * Wraps a handler so that every failure leaves as the error envelope. On AWS an
 * exception escaping a Lambda becomes API Gateway's own bare 500, so the handler must
 * do this itself rather than rely on the gateway.
 */
export function defineHandler(fn: PlatformHandler): PlatformHandler {
  return async (event, context) => {
    try {
      return await fn(event, context);
    } catch (error) {
      return toErrorResult(error, event, context);
    }
  };
}
