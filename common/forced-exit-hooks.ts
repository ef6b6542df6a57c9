import { setTimeout as delay } from 'node:timers/promises';

/**
 * Last requests to send when a second Ctrl-C ends the process at once: stop a fault that is
 * still being injected, say. Each hook gets one short, shared window; nothing waits longer.
 */
const hooks = new Set<() => Promise<unknown>>();

export function onForcedExit(hook: () => Promise<unknown>): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

export async function runForcedExitHooks(windowMs: number): Promise<void> {
  if (hooks.size === 0) return;
  const all = Promise.allSettled([...hooks].map((hook) => hook()));
  await Promise.race([all, delay(windowMs, undefined, { ref: false })]);
}
