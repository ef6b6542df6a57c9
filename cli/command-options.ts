import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine } from '../common/command-line.ts';

/** What every command accepts. */
export const COMMON_OPTIONS = {
  env: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export interface CommandOptions {
  env: string | undefined;
  help: boolean;
}

/**
 * `run <kind>`: --env, --help and the runner's own options, all checked in one strict parse;
 * the runner's part is passed on to it as written.
 */
export function splitRunnerArgs(
  args: readonly string[],
  runnerOptions: ParseArgsOptionsConfig,
  usage: string,
): CommandOptions & { runnerArgs: string[] } {
  const { values, tokens } = parseCommandLine(args, { ...runnerOptions, ...COMMON_OPTIONS }, usage);
  const ours = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in COMMON_OPTIONS)) continue;
    ours.add(token.index);
    if (token.value !== undefined && token.inlineValue === false) ours.add(token.index + 1);
  }
  return {
    env: typeof values.env === 'string' ? values.env : undefined,
    help: values.help === true,
    runnerArgs: args.filter((_, i) => !ours.has(i)),
  };
}
