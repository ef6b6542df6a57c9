#!/usr/bin/env node
// First: the colour decision must be in the environment before vitest is imported.
import './colour-setup.ts';
import pkg from '../package.json' with { type: 'json' };
import { parseCommandLine } from '../common/command-line.ts';
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import { redact } from '../common/redact.ts';
import { INTERRUPTED_EXIT_CODE } from './interrupt.ts';
import { redactProcessOutput } from './redacted-output.ts';
import { MAIN_OPTIONS, MAIN_USAGE, USAGE } from './usage.ts';

type Command = (args: string[]) => Promise<number>;

/** Loaded on demand, so `--version` and `--help` answer without loading what a run needs. */
const COMMANDS: Record<string, (() => Promise<Command>) | undefined> = {
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
};

redactProcessOutput();

/**
 * The config file found from here is named to every child process (vitest workers, the
 * consumer tests' vitest), which may run in another directory and must resolve the same profile.
 */
async function exportConfigFile(): Promise<void> {
  const { loadHarnessConfig } = await import('../fixtures/environments/harness-config.ts');
  const loaded = loadHarnessConfig();
  if (loaded) process.env.HARNESS_CONFIG_FILE = loaded.file;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stdout.write(USAGE);
    return 2;
  }
  if (command.startsWith('-') || command === 'help') {
    // Before a command only --help and --version mean anything.
    const { values } = parseCommandLine(command === 'help' ? [] : argv, MAIN_OPTIONS, MAIN_USAGE);
    process.stdout.write(values.version ? `${pkg.version}\n` : USAGE);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load)
    throw new HarnessError('USAGE', `unknown command "${command}"; use verify, run <kind>, check or init (see --help)`);
  if (command !== 'init') await exportConfigFile();
  const run = await load();
  return run(rest);
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
      process.stderr.write(
        `internal error (please report): ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
      );
      process.exitCode = 1;
    }
  },
);
