import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { InvokeOutcome } from './function-instance.ts';

/** What the platform hands a version's worker at start. */
export interface InstanceWorkerData {
  functionName: string;
  version: string;
  /** The version's whole environment: the platform's settings with the version's own on top. */
  env: Record<string, string>;
  databaseUrl: string;
  redisUrl: string;
}

export type ToWorker =
  | { type: 'invoke'; id: number; event: APIGatewayProxyEventV2; timeoutMs: number }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; outcome: InvokeOutcome }
  | { type: 'closed' };
