/**
 * Colour only where a person watches: on a terminal, unless NO_COLOR says otherwise;
 * FORCE_COLOR wins over the terminal check both ways (FORCE_COLOR=0 turns colour off).
 * NO_COLOR counts when set and not empty (no-color.org).
 */
export function colourWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}

/**
 * Writes the decision into the environment, where vitest (its colour library checks only
 * NO_COLOR, FORCE_COLOR and TERM, not the terminal), k6 and every child process read it.
 */
export function applyColourPolicy(env: NodeJS.ProcessEnv, isTTY: boolean): void {
  if (colourWanted(env, isTTY)) return;
  env.NO_COLOR = '1';
  delete env.FORCE_COLOR;
}
