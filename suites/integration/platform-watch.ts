import type { ServiceControl } from '../../fixtures/services/service-control/service-control-client.ts';

/** Fails with the platform's own last words when its process has ended or been replaced. */
export async function expectPlatformRunning(services: ServiceControl, pid: number): Promise<void> {
  const state = await services.platform();
  if (state.exited) {
    const how = state.exited.signal ?? `code ${state.exited.code}`;
    throw new Error(`the platform process (pid ${pid}) exited with ${how}; its last output:\n${state.exited.output}`);
  }
  if (state.pid !== pid)
    throw new Error(`the platform process was replaced (pid ${pid} is now ${state.pid}); it must recover in place`);
}

/**
 * Runs an outage scenario and then checks the platform survived it in the same process. When the
 * scenario fails and the platform died, the platform's exit is the error reported: a poll that
 * timed out against a dead process says much less.
 */
export async function withPlatformWatched<T>(
  services: ServiceControl,
  pid: number,
  scenario: () => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await scenario();
  } catch (error) {
    await expectPlatformRunning(services, pid);
    throw error;
  }
  await expectPlatformRunning(services, pid);
  return result;
}
