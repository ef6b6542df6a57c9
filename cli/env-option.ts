import { parseArgs } from 'node:util';

/** Splits `--env` off the arguments; the rest goes to the command or runner. */
export function takeEnvOption(args: string[]): { env: string | undefined; rest: string[]; help: boolean } {
  const { values, tokens } = parseArgs({
    args,
    options: { env: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: false,
    tokens: true,
  });
  const consumed = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'option' && (token.name === 'env' || token.name === 'help' || token.name === 'h')) {
      consumed.add(token.index);
      if (token.name === 'env' && token.inlineValue === false) consumed.add(token.index + 1);
    }
  }
  const env = typeof values.env === 'string' ? values.env : undefined;
  return { env, rest: args.filter((_, i) => !consumed.has(i)), help: values.help === true };
}
