import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { ownModuleUrl } from '../../common/own-module.ts';
import type { FunctionInstance, InvokeOutcome } from './function-instance.ts';
import type { FromWorker, InstanceWorkerData, ToWorker } from './worker-protocol.ts';

const WORKER_ENTRY = ownModuleUrl('./instance-worker.ts', import.meta.url);
/** Past these, a worker that does not start or stop politely is given up on or terminated. */
const INIT_DEADLINE_MS = 10_000;
const SHUTDOWN_DEADLINE_MS = 3000;

/**
 * Starts a function version in a worker thread of its own and resolves once its init has
 * finished, with the Init Duration measured. A worker that dies fails its invocations in
 * flight as function errors; the pool then starts a fresh one on the next invocation.
 */
export async function startWorkerInstance(
  data: InstanceWorkerData,
): Promise<FunctionInstance & { readonly dead: boolean }> {
  const started = performance.now();
  const worker = new Worker(WORKER_ENTRY, { workerData: data });
  const pending = new Map<number, (outcome: InvokeOutcome) => void>();
  let nextId = 0;
  let dead = false;
  const failAll = (why: string): void => {
    dead = true;
    for (const resolve of pending.values()) resolve({ ok: false, errorType: 'Runtime.ExitError', errorMessage: why });
    pending.clear();
  };
  worker.on('error', (error: Error) => failAll(`the instance crashed: ${error.message}`));
  worker.on('exit', (code) => failAll(`the instance exited with code ${code}`));

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`init took longer than ${INIT_DEADLINE_MS} ms`)), INIT_DEADLINE_MS);
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'init-failed') {
        clearTimeout(timer);
        reject(new Error(`init failed: ${message.message}`));
      } else if (message.type === 'result') {
        pending.get(message.id)?.(message.outcome);
        pending.delete(message.id);
      }
    });
    worker.once('exit', () => reject(new Error('the instance exited during init')));
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const initDurationMs = Math.round((performance.now() - started) * 10) / 10;

  let closing: Promise<void> | undefined;
  return {
    initDurationMs,
    get dead() {
      return dead;
    },
    invoke(event, timeoutMs) {
      if (dead)
        return Promise.resolve({
          ok: false,
          errorType: 'Runtime.ExitError',
          errorMessage: 'the instance is gone',
        });
      const id = nextId++;
      return new Promise<InvokeOutcome>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'invoke', id, event, timeoutMs } satisfies ToWorker);
      });
    },
    close() {
      closing ??= (async () => {
        if (dead) return;
        const exited = once(worker, 'exit');
        worker.postMessage({ type: 'shutdown' } satisfies ToWorker);
        const timer = setTimeout(() => void worker.terminate(), SHUTDOWN_DEADLINE_MS);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
