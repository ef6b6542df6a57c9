import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { unauthenticated } from '../http/api-error.ts';
import { runtime } from '../runtime.ts';
import { verifyAccessToken, type Principal } from './access-token.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/** The caller's identity from `Authorization: Bearer <token>`, or 401 UNAUTHENTICATED. */
export async function authenticate(event: APIGatewayProxyEventV2): Promise<Principal> {
  const token = BEARER.exec(event.headers.authorization?.trim() ?? '')?.[1];
  if (!token) {
    throw unauthenticated('Send Authorization: Bearer <accessToken>; get a token from POST /auth/login');
  }
  try {
    return await verifyAccessToken(token, runtime().jwtKey);
  } catch {
    throw unauthenticated('The access token is invalid or has expired; log in again with POST /auth/login');
  }
}
