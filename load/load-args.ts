import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine } from '../common/command-line.ts';
import { HarnessError } from '../common/harness-error.ts';
import { LOAD_PROFILE_NAMES, SCENARIO_NAMES, type LoadProfileName, type ScenarioName } from './catalog/load-plan.ts';

export interface LoadArgs {
  scenario?: ScenarioName;
  profile?: LoadProfileName;
  /** Shorter (or longer) steady phase than the profile's, in seconds; still bounded by the caps. */
  durationSeconds?: number;
  /** Iterations per second instead of the profile's; still capped by protections.maxRequestRate. */
  ratePerSecond?: number;
  emit?: 'k6-operator';
  parallelism?: number;
  image?: string;
  /** Run history to compare with and add this run to (`--history DIR`). */
  historyDir?: string;
  /** How many earlier green runs make the baseline (`--baseline-runs`, default 7). */
  baselineRuns?: number;
  cloud: boolean;
  allowProductionLoad: boolean;
  help: boolean;
}

/** Printed by `node cli/main.ts run load --help` after "usage: node cli/main.ts ". */
export const LOAD_USAGE = `run load [--env <name>] [--scenario <name>] [--profile <name>] [options]
  --scenario <name>          sla | spike | soak (default: sla for ci, soak for nightly, spike for spike)
  --profile <name>           ci | nightly | spike: rate, duration and VUs from the environment profile (default ci)
  --duration <seconds>       override the profile's duration
  --rate <iterations/s>      override the profile's rate (always capped by protections.maxRequestRate)
  --emit k6-operator         write a k6-operator TestRun and a ConfigMap with the bundle instead of running
  --parallelism <n>          k6 runners for --emit k6-operator (default: one per 200 iterations/s)
  --image <ref>              k6 runner image for --emit k6-operator (default grafana/k6 at this k6's version)
  --history DIR              compare each endpoint's latency with the last green runs kept in DIR, then add this run
  --baseline-runs <n>        how many earlier green runs make the baseline (default 7; with --history)
  --cloud                    run the same bundle on Grafana Cloud k6 (needs K6_CLOUD_TOKEN)
  --allow-production-load    required, with protections.allowLoad, to load a production profile
environment: K6_BIN (k6 binary, else PATH), HARNESS_USER_PASSWORD (secret), K6_CLOUD_TOKEN (secret, --cloud)`;

/** The load runner's options; `run load` parses them strictly with --env and --help. */
export const LOAD_OPTIONS = {
  scenario: { type: 'string' },
  profile: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  emit: { type: 'string' },
  parallelism: { type: 'string' },
  image: { type: 'string' },
  history: { type: 'string' },
  'baseline-runs': { type: 'string' },
  cloud: { type: 'boolean' },
  'allow-production-load': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

function positive(flag: string, raw: string, problems: string[], integer: boolean): number | undefined {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    problems.push(`${flag} "${raw}" must be a positive ${integer ? 'whole ' : ''}number`);
    return undefined;
  }
  return n;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[], problems: string[]): T | undefined {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${flag} "${raw}" is not one of ${allowed.join(', ')}`);
  return undefined;
}

/**
 * Parses the load runner's own arguments: a malformed command line stops at its first
 * mistake (parseArgs); every problem with the values is then reported at once (exit 2).
 */
export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const { values } = parseCommandLine(argv, LOAD_OPTIONS, LOAD_USAGE, 'load: ');
  const problems: string[] = [];
  const out: LoadArgs = {
    cloud: values.cloud === true,
    allowProductionLoad: values['allow-production-load'] === true,
    help: values.help === true,
  };
  if (values.scenario !== undefined) out.scenario = oneOf('--scenario', values.scenario, SCENARIO_NAMES, problems);
  if (values.profile !== undefined) out.profile = oneOf('--profile', values.profile, LOAD_PROFILE_NAMES, problems);
  if (values.duration !== undefined) out.durationSeconds = positive('--duration', values.duration, problems, true);
  if (values.rate !== undefined) out.ratePerSecond = positive('--rate', values.rate, problems, false);
  if (values.emit !== undefined) out.emit = oneOf('--emit', values.emit, ['k6-operator'] as const, problems);
  if (values.parallelism !== undefined) out.parallelism = positive('--parallelism', values.parallelism, problems, true);
  if (values.image !== undefined) out.image = values.image;
  if (values.history !== undefined) {
    if (values.history.trim() === '') problems.push('--history needs a directory');
    else out.historyDir = values.history;
  }
  if (values['baseline-runs'] !== undefined)
    out.baselineRuns = positive('--baseline-runs', values['baseline-runs'], problems, true);
  if (out.baselineRuns !== undefined && out.historyDir === undefined)
    problems.push('--baseline-runs only applies with --history DIR');
  if (out.historyDir !== undefined && (out.cloud || out.emit))
    problems.push('--history compares latencies measured here; it does not apply to --cloud or --emit');
  if (out.emit && out.cloud) problems.push('--emit k6-operator and --cloud are two different ways to run; pick one');
  if ((out.parallelism !== undefined || out.image !== undefined) && !out.emit) {
    problems.push('--parallelism and --image only apply to --emit k6-operator');
  }
  if (problems.length > 0) {
    throw new HarnessError('USAGE', `load: ${problems.join('; ')}\nusage: ${LOAD_USAGE}`);
  }
  return out;
}
