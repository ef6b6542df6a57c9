import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { PlatformHandler } from '../http/platform-handler.ts';
import type { ErrorNames, WireAnswer } from './wire-protocol.ts';

/** A REST route of an AWS API (Lambda, FIS), by method and path as the SDK sends them. */
export interface WireRoute {
  routeKey: string;
  handler: PlatformHandler;
}

/** One operation of a JSON-RPC service (CodeDeploy, CloudWatch): its input is the whole body. */
export type WireOperation = (input: Record<string, unknown>, event: APIGatewayProxyEventV2) => WireAnswer;

/** A JSON-RPC service: `X-Amz-Target: <targetPrefix>.<Operation>`, every call `POST /`. */
export interface JsonRpcService {
  targetPrefix: string;
  /** The service's names for the emulation's not-found, invalid and conflict errors. */
  names: ErrorNames;
  operations: Record<string, WireOperation>;
}
