import type { ParseArgsOptionsConfig } from 'node:util';

/** The options that mean something before a command. */
export const MAIN_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

export const MAIN_USAGE = 'node cli/main.ts <verify | run <kind> | check | init> [options]   (--help for more)';

export const USAGE = `hasivu-verify: is this HASIVU release ready?

usage (from a checkout: npx hasivu-verify …, or node cli/main.ts …; from any directory):
  hasivu-verify verify [--env <name>]          run every stage, build the scorecard, exit with the gate
  hasivu-verify run <kind> [--env <name>] ...  run one suite: smoke | contract | integration | load | chaos
  hasivu-verify check [--env <name>] [--results DIR]... [--history DIR]
                                               scorecard and gate from results already written
  hasivu-verify init [--force]                 starter config, post-deploy workflow and npm scripts
                                               for the repository in the working directory

options:
  --env <name>     profile: local (default), dev, staging, production, or one of
                   hasivu-verify.config.ts; also HARNESS_ENV
  --results DIR    check: read results from this reports directory (repeatable, e.g. downloaded CI
                   artifacts); of several results of one kind the newest counts
  --history DIR    check: earlier scorecard.json files under DIR, shown as a history strip;
                   the drills' recovery times are added to DIR (run load --history keeps latencies there)
  -h, --help       this help; \`run <kind> --help\` shows that runner's options
  --version        print the version

environment:
  HARNESS_BASE_URL        target base URL; on local without it the reference platform is started
  HARNESS_USER_EMAIL      smoke-test parent account (local default parent@demo.hasivu.test)
  HARNESS_USER_PASSWORD   its password (secret)
  HARNESS_WEBHOOK_SECRET  signs a test payment webhook (secret); without it that check is skipped
  HARNESS_REPORTS_DIR     where results and the scorecard go (default: the config's reportsDir, else
                          ./reports/out of the working directory)
  HARNESS_CONFIG_FILE     the config file (default: hasivu-verify.config.ts/.mjs/.js, found from the
                          working directory upwards)
  NO_COLOR, FORCE_COLOR   colour only on a terminal unless these say otherwise
  every profile field: HARNESS_<FIELD_PATH>, see docs/configuration.md

exit codes:
  0    ready (run: every check passed)
  1    not ready: a critical check failed or the score is below the minimum (run: a check failed)
  2    usage or configuration error
  3    incomplete: evidence missing, stale or about different releases
  130  interrupted (the first Ctrl-C ends the current stage and still writes the scorecard)
`;

/** Each command's own usage: printed by `<command> --help` and quoted by its usage errors. */
export const VERIFY_USAGE = `verify [--env <name>] [--no-fuzz]
  Runs every stage (smoke with its fuzz step, contract, integration on local, load with the ci
  profile, chaos on local), then builds the scorecard and the Allure report and exits with the
  gate: 0 ready, 1 not ready, 2 usage or configuration error, 3 incomplete, 130 interrupted.
  A failed smoke stops the later stages.
  --env <name>   profile: local (default), dev, staging, production; also HARNESS_ENV
  --no-fuzz      leave out smoke's fuzz step (HARNESS_FUZZ_BUDGET_MS, 15 s by default; never on production)`;

export const CHECK_USAGE = `check [--env <name>] [--results DIR]... [--history DIR] [--verify-with KEY] [--release-digest SHA256]
  Builds the scorecard and the Allure report from results already written (e.g. by earlier CI
  jobs, downloaded as artifacts) and exits with the gate: 0 ready, 1 not ready, 2 usage or
  configuration error, 3 incomplete (evidence missing, stale or about different releases).
  --env <name>     profile: local (default), dev, staging, production; also HARNESS_ENV
  --results DIR    a reports directory to read results from (repeatable); of several results of
                   one kind the newest counts; default: the reports directory
  --history DIR    earlier scorecard.json files under DIR, shown as a history strip; the drills'
                   MTTR, detection and rollback times are added to DIR, one file per drill run
  --verify-with KEY  verify every result's attestation (signature, release, results digest,
                   freshness, policy) with a PEM public key file or a KMS key id; also
                   HARNESS_VERIFY_WITH; what fails is refused as evidence (exit 3)
  --release-digest SHA256  the release to promote (sha256:<hex> or a base64 CodeSha256); also
                   HARNESS_RELEASE_DIGEST; default: read from the target (evidence.releaseDigest)`;

export const INIT_USAGE = `init [--force]
  Writes into the repository of the working directory: hasivu-verify.config.ts (a starter
  config), .github/workflows/hasivu-post-deploy-smoke.yml and npm scripts (test:smoke:staging,
  check:staging, ...). A file or script that exists is kept and named.
  --force   replace what exists`;

export const RUN_USAGE = `run <kind> [--env <name>] [runner options]
  Runs one suite against the target; kind is smoke | contract | integration | load | chaos.
  \`run <kind> --help\` shows that runner's options.`;

/** What `<command> --help` prints. */
export function commandHelp(usage: string): string {
  return `usage: node cli/main.ts ${usage}\n`;
}
