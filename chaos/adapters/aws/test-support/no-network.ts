import net from 'node:net';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';

/**
 * Fails the test if anything opened a socket: the AWS adapters' tests run on stubs only and
 * must never reach AWS (or anything else). Every TCP and TLS client connects through
 * `net.Socket.prototype.connect`, so one spy sees them all.
 */
export function forbidNetwork(): void {
  let connect: MockInstance<net.Socket['connect']> | undefined;
  beforeEach(() => {
    connect = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function refuse(this: net.Socket) {
      throw new Error('a test tried to open a network connection');
    });
  });
  afterEach(() => {
    expect(connect?.mock.calls.length ?? 0, 'network connections attempted').toBe(0);
    connect?.mockRestore();
  });
}

/** Static credentials that can sign but never authenticate: no credential chain is consulted. */
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDHARNESSTEST', secretAccessKey: 'not-a-secret' };

/** An error the way SDK v3 throws a service exception: the AWS error code is its `name`. */
export function awsError(name: string, message = name, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });
}

/** Rollback retries for stubbed calls: three rounds and no real backoff, so a transient-failure test is instant. */
export const NO_WAIT_RETRY = {
  deadlineMs: 60_000,
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: () => Promise.resolve(),
};
