import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { HarnessError } from './harness-error.ts';

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: T; strict: true; allowPositionals: false; tokens: true }>
>;

/**
 * The one way commands and runners read their options: node's parseArgs, strict, no
 * positionals. A mistake (an unknown option, a missing value) is a usage error, exit code 2,
 * that quotes the command's usage text.
 */
export function parseCommandLine<T extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: T,
  usage: string,
  context = '',
): Parsed<T> {
  try {
    return parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    throw new HarnessError('USAGE', `${context}${(error as Error).message}\nusage: ${usage}`);
  }
}
