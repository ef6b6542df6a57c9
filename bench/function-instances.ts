/**
 * What running a Lambda version in a worker of its own costs on the reference platform:
 * the Init Duration of each function's first worker (a cold start), and the median
 * latency of GET /health on version 1 in the platform process (the baseline) against
 * version 2 in its worker, measured in turns (1, 2, 1, 2 ...) in the same run.
 */
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { startServices } from '../fixtures/services/resolve-services.ts';
import { startPlatform } from '../platform/start-platform.ts';

export interface FunctionInstancesBench {
  measuredAt: string;
  initDurationsMs: number[];
  initMedianMs: number;
  health: { inProcessMedianMs: number; workerMedianMs: number; ratio: number; pairs: number };
}

const REQUEST_TIMEOUT_MS = 10_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 100) / 100;
}

/** A request the function answers whatever its status: enough to start its instance. */
const FIRST_REQUEST: Record<string, [string, string]> = {
  comprehensiveHealthCheck: ['GET', '/health'],
  livenessProbe: ['GET', '/health/live'],
  readinessProbe: ['GET', '/health/ready'],
  startupProbe: ['GET', '/health/startup'],
  login: ['POST', '/auth/login'],
  getMenu: ['GET', '/schools/none/menus'],
  createOrder: ['POST', '/orders'],
  getOrder: ['GET', '/orders/none'],
  createPaymentIntent: ['POST', '/payments/intents'],
  paymentWebhook: ['POST', '/payments/webhook'],
};

export async function benchFunctionInstances(
  pairs = 30,
  log: (line: string) => void = () => undefined,
): Promise<FunctionInstancesBench> {
  await using services = await startServices({ env: offlineContainerEnv(), log });
  await using platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
    env: process.env,
  });
  const headers = { 'x-admin-token': platform.adminToken, 'content-type': 'application/json' };
  const send = async (method: string, path: string, body?: unknown): Promise<{ ms: number; json: unknown }> => {
    const started = performance.now();
    const response = await fetch(new URL(path, platform.url), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { ms, json };
  };
  const route = (name: string, version: string) =>
    send('PUT', `/_control/lambda/functions/${name}/aliases/live`, { FunctionVersion: version });

  log('cold-starting version 2 of every function, one after another');
  for (const [name, [method, path]] of Object.entries(FIRST_REQUEST)) {
    await send('POST', `/_control/lambda/functions/${name}/versions`, { Description: 'bench' });
    await route(name, '2');
    await send(method, path);
    await route(name, '1');
  }
  const initDurationsMs: number[] = [];
  for (const name of Object.keys(FIRST_REQUEST)) {
    const { json } = await send('GET', `/_control/lambda/functions/${name}/versions`);
    for (const version of (json as { Versions: { InitDurationsMs?: number[] }[] }).Versions)
      initDurationsMs.push(...(version.InitDurationsMs ?? []));
  }

  log(`GET /health, ${pairs} pairs alternating version 1 (in process) and version 2 (worker)`);
  const inProcess: number[] = [];
  const worker: number[] = [];
  for (let i = 0; i < pairs; i++) {
    await route('comprehensiveHealthCheck', '1');
    inProcess.push((await send('GET', '/health')).ms);
    await route('comprehensiveHealthCheck', '2');
    worker.push((await send('GET', '/health')).ms);
  }
  const inProcessMedianMs = median(inProcess);
  const workerMedianMs = median(worker);
  return {
    measuredAt: new Date().toISOString(),
    initDurationsMs: initDurationsMs.sort((a, b) => a - b),
    initMedianMs: median(initDurationsMs),
    health: {
      inProcessMedianMs,
      workerMedianMs,
      ratio: Math.round((workerMedianMs / inProcessMedianMs) * 100) / 100,
      pairs,
    },
  };
}
