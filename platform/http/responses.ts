import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorDetails } from './api-error.ts';

export interface ErrorEnvelope {
  error: { code: string; message: string; requestId: string; details?: ErrorDetails };
}

export function jsonResult(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    // Every answer is per user or per moment; nothing in between may cache it.
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** The one error shape of the contract, used by handlers and the gateway alike. */
export function errorResult(
  statusCode: number,
  code: string,
  message: string,
  requestId: string,
  details?: ErrorDetails,
): APIGatewayProxyStructuredResultV2 {
  const envelope: ErrorEnvelope = {
    error: { code, message, requestId, ...(details ? { details } : {}) },
  };
  return jsonResult(statusCode, envelope);
}
