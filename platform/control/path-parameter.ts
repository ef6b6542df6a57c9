import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validationFailed } from '../http/api-error.ts';

/** A path parameter the route key promises; its absence would be a route-table bug, so it is a 400 at worst. */
export function pathParameter(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined || value === '') throw validationFailed({ [name]: ['is required'] });
  return value;
}
