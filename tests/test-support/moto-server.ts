import { findBinary } from '../../common/find-binary.ts';
import { freePort } from '../../common/free-port.ts';
import { startChild, type RunningChild } from '../../common/child-process.ts';
import { waitFor } from '../../common/wait-for.ts';

/** A moto server (an AWS-compatible endpoint) on a free loopback port, stopped on dispose. */
export interface MotoServer extends AsyncDisposable {
  endpoint: string;
  child: RunningChild;
}

/** Undefined when moto_server is not on PATH (scripts/bootstrap.sh does not install it everywhere). */
export function motoServerBinary(): string | undefined {
  return findBinary('moto_server');
}

export async function startMotoServer(binary: string): Promise<MotoServer> {
  const port = await freePort();
  const child = startChild(binary, ['-H', '127.0.0.1', '-p', String(port)], { timeoutMs: 300_000 });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(
    `moto_server on ${endpoint}`,
    async () => ((await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) })).ok ? true : undefined),
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  return { endpoint, child, [Symbol.asyncDispose]: () => child.stop() };
}
