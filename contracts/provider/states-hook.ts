import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessError } from '../../common/harness-error.ts';
import { STATES } from '../provider-states.ts';
import type { StateContext, StateValues } from './state-setups.ts';

/**
 * The documented hook for environments where the public API cannot reach a state
 * (no webhook secret in production, data that only an admin tool can make).
 * HARNESS_CONTRACT_STATES names a module that exports:
 *
 *   export const stateSetups = {
 *     'an order that has been paid exists': async ({ target, session }) => ({ paidOrderId: '…' }),
 *   };
 *
 * A hooked state counts as available; its setup replaces the built-in one.
 */
export type HookedSetup = (context: StateContext) => Promise<StateValues>;

const KNOWN = new Set<string>(Object.values(STATES));

export async function loadStatesHook(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<Map<string, HookedSetup>> {
  const file = env.HARNESS_CONTRACT_STATES?.trim();
  if (!file) return new Map();
  const path = resolve(cwd, file);
  let module: { stateSetups?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { stateSetups?: unknown };
  } catch (error) {
    throw new HarnessError(
      'INVALID_STATES_HOOK',
      `HARNESS_CONTRACT_STATES=${file} cannot be loaded (${(error as Error).message}); point it at a module exporting \`stateSetups\``,
      { cause: error },
    );
  }
  const setups = module.stateSetups;
  if (setups === null || typeof setups !== 'object') {
    throw new HarnessError(
      'INVALID_STATES_HOOK',
      `HARNESS_CONTRACT_STATES=${file} must export \`stateSetups\`: { [state name]: async (context) => values }`,
    );
  }
  const problems: string[] = [];
  const hooked = new Map<string, HookedSetup>();
  for (const [name, setup] of Object.entries(setups)) {
    if (!KNOWN.has(name))
      problems.push(`"${name}" is not a provider state; known states: ${[...KNOWN].map((s) => `"${s}"`).join(', ')}`);
    else if (typeof setup !== 'function')
      problems.push(`"${name}" must be an async function returning the state's values`);
    else hooked.set(name, setup as HookedSetup);
  }
  if (problems.length > 0) {
    throw new HarnessError(
      'INVALID_STATES_HOOK',
      `HARNESS_CONTRACT_STATES=${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return hooked;
}
