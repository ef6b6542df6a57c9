import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Writes a structured Lambda result as the HTTP response, as API Gateway would; x-request-id always wins. */
export function writeResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const body =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  res.setHeader('x-request-id', requestId);
  res.setHeader('content-length', body.length);
  res.statusCode = result.statusCode ?? 200;
  res.end(body);
}
