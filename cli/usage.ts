import type { ParseArgsOptionsConfig } from 'node:util';

/** The options that mean something before a command. */
export const MAIN_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

export const MAIN_USAGE = 'node cli/main.ts <verify | run <kind> | check> [options]   (--help for more)';

export const USAGE = `hasivu-verify: is this HASIVU release ready?

usage:
  node cli/main.ts verify [--env <name>]          run every stage, build the scorecard, exit with the gate
  node cli/main.ts run <kind> [--env <name>] ...  run one suite: smoke | contract | integration | load | chaos
  node cli/main.ts check [--env <name>]           scorecard and gate from the results already written

options:
  --env <name>   profile: local (default), dev, staging, production; also HARNESS_ENV
  -h, --help     this help; \`run <kind> --help\` shows that runner's options
  --version      print the version

environment:
  HARNESS_BASE_URL        target base URL; on local without it the reference platform is started
  HARNESS_USER_EMAIL      smoke-test parent account (local default parent@demo.hasivu.test)
  HARNESS_USER_PASSWORD   its password (secret)
  HARNESS_WEBHOOK_SECRET  signs a test payment webhook (secret); without it that check is skipped
  HARNESS_REPORTS_DIR     where results and the scorecard go (default reports/out)
  every profile field: HARNESS_<FIELD_PATH>, see docs/configuration.md

exit codes: 0 ready / passed, 1 not ready, incomplete or failed, 2 usage or configuration error,
            130 interrupted (the first Ctrl-C ends the current stage and still writes the scorecard)
`;

/** Each command's own usage: printed by `<command> --help` and quoted by its usage errors. */
export const VERIFY_USAGE = `verify [--env <name>]
  Runs every stage (smoke, contract, integration on local, load with the ci profile, chaos on
  local), then builds the scorecard and exits with the gate: 0 ready, 1 not ready or incomplete,
  2 usage or configuration error, 130 interrupted. A failed smoke stops the later stages.
  --env <name>   profile: local (default), dev, staging, production; also HARNESS_ENV`;

export const CHECK_USAGE = `check [--env <name>]
  Builds the scorecard from the results already written (e.g. by earlier CI jobs) and exits
  with the gate: 0 ready, 1 not ready or incomplete, 2 usage or configuration error.
  --env <name>   profile: local (default), dev, staging, production; also HARNESS_ENV`;

export const RUN_USAGE = `run <kind> [--env <name>] [runner options]
  Runs one suite against the target; kind is smoke | contract | integration | load | chaos.
  \`run <kind> --help\` shows that runner's options.`;

/** What `<command> --help` prints. */
export function commandHelp(usage: string): string {
  return `usage: node cli/main.ts ${usage}\n`;
}
