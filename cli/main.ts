#!/usr/bin/env node
// First: the colour decision must be in the environment before vitest is imported.
import './colour-setup.ts';
import pkg from '../package.json' with { type: 'json' };
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import { redact } from '../common/redact.ts';
import { checkCommand } from './commands/check.ts';
import { runCommand } from './commands/run.ts';
import { verifyCommand } from './commands/verify.ts';
import { INTERRUPTED_EXIT_CODE } from './interrupt.ts';
import { redactProcessOutput } from './redacted-output.ts';
import { USAGE } from './usage.ts';

redactProcessOutput();

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  switch (command) {
    case 'verify':
      return verifyCommand(rest);
    case 'run':
      return runCommand(rest);
    case 'check':
      return checkCommand(rest);
    default:
      throw new HarnessError('USAGE', `unknown command "${command}"; use verify, run <kind> or check (see --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // After an interrupt nothing may keep the process alive (a test abandoned mid-request,
    // a worker still closing): exit now; exit cleanups still stop what was started.
    if (code === INTERRUPTED_EXIT_CODE) process.exit(code);
  },
  (error: unknown) => {
    if (isHarnessError(error)) {
      process.stderr.write(`error: ${redact(error.message)}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`internal error (please report): ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      process.exitCode = 1;
    }
  },
);
