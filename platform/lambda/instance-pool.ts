import type { FunctionInstance } from './function-instance.ts';

/** Starts an instance of one function version; the pool decides when. */
export type StartInstance = (functionName: string, version: string) => Promise<FunctionInstance>;

/**
 * One instance per function version, started on its first invocation (a cold start) and
 * kept warm afterwards. An instance that died is replaced on the next invocation.
 */
export class InstancePool {
  readonly #start: StartInstance;
  readonly #onInit: (functionName: string, version: string, initMs: number) => void;
  readonly #instances = new Map<string, Promise<FunctionInstance>>();
  #closed = false;

  constructor(start: StartInstance, onInit: (functionName: string, version: string, initMs: number) => void) {
    this.#start = start;
    this.#onInit = onInit;
  }

  get(functionName: string, version: string): Promise<FunctionInstance> {
    if (this.#closed) return Promise.reject(new Error('the platform is stopping'));
    const key = `${functionName}:${version}`;
    const existing = this.#instances.get(key);
    if (existing) return existing;
    const starting = this.#start(functionName, version).then(
      (instance) => {
        if (instance.initDurationMs !== undefined) this.#onInit(functionName, version, instance.initDurationMs);
        return instance;
      },
      (error: unknown) => {
        // A failed init is retried by the next invocation, as Lambda retries a failed cold start.
        this.#instances.delete(key);
        throw error;
      },
    );
    this.#instances.set(key, starting);
    return starting;
  }

  /** Forgets an instance that died, so the next invocation starts a fresh one. */
  discard(functionName: string, version: string): void {
    const key = `${functionName}:${version}`;
    const instance = this.#instances.get(key);
    this.#instances.delete(key);
    void instance?.then((found) => found.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    this.#closed = true;
    const all = [...this.#instances.values()];
    this.#instances.clear();
    await Promise.allSettled(all.map((starting) => starting.then((found) => found.close())));
  }
}
