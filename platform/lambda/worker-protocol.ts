import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { PlatformConfig } from '../config.ts';
import type { InvokeOutcome } from './function-instance.ts';

/** What the platform hands a version's worker at start. */
export interface InstanceWorkerData {
  functionName: string;
  version: string;
  /** Module URL of the function's handler, exported under the function's name. */
  handlerModule: string;
  /** Read from the version's whole environment (the platform's settings, the version's on top) at publish. */
  config: PlatformConfig;
  databaseUrl: string;
  redisUrl: string;
}

export type ToWorker =
  { type: 'invoke'; id: number; event: APIGatewayProxyEventV2; timeoutMs: number } | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; outcome: InvokeOutcome }
  | { type: 'closed' };
