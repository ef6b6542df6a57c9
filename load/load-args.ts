import { HarnessError } from '../common/harness-error.ts';
import {
  LOAD_PROFILE_NAMES,
  SCENARIO_NAMES,
  type LoadProfileName,
  type ScenarioName,
} from './catalog/load-plan.ts';

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
  --cloud                    run the same bundle on Grafana Cloud k6 (needs K6_CLOUD_TOKEN)
  --allow-production-load    required, with protections.allowLoad, to load a production profile
environment: K6_BIN (k6 binary, else PATH), HARNESS_USER_PASSWORD (secret), K6_CLOUD_TOKEN (secret, --cloud)`;

const VALUE_FLAGS = [
  '--scenario',
  '--profile',
  '--duration',
  '--rate',
  '--emit',
  '--parallelism',
  '--image',
] as const;

function positive(
  flag: string,
  raw: string,
  problems: string[],
  integer: boolean,
): number | undefined {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    problems.push(`${flag} "${raw}" must be a positive ${integer ? 'whole ' : ''}number`);
    return undefined;
  }
  return n;
}

function oneOf<T extends string>(
  flag: string,
  raw: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${flag} "${raw}" is not one of ${allowed.join(', ')}`);
  return undefined;
}

/** Parses the load runner's own arguments; every problem is reported at once (exit 2). */
export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const out: LoadArgs = { cloud: false, allowProductionLoad: false, help: false };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const [flag = '', inline] =
      token.startsWith('--') && token.includes('=') ? token.split(/=(.*)/s, 2) : [token, undefined];
    if (flag === '-h' || flag === '--help') out.help = true;
    else if (flag === '--cloud') out.cloud = true;
    else if (flag === '--allow-production-load') out.allowProductionLoad = true;
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-'))) {
        problems.push(`${flag} needs a value`);
        if (value !== undefined) i--;
        continue;
      }
      if (flag === '--scenario') out.scenario = oneOf(flag, value, SCENARIO_NAMES, problems);
      else if (flag === '--profile') out.profile = oneOf(flag, value, LOAD_PROFILE_NAMES, problems);
      else if (flag === '--duration') out.durationSeconds = positive(flag, value, problems, true);
      else if (flag === '--rate') out.ratePerSecond = positive(flag, value, problems, false);
      else if (flag === '--emit') out.emit = oneOf(flag, value, ['k6-operator'] as const, problems);
      else if (flag === '--parallelism') out.parallelism = positive(flag, value, problems, true);
      else out.image = value;
    } else problems.push(`unknown option "${token}"`);
  }
  if (out.emit && out.cloud)
    problems.push('--emit k6-operator and --cloud are two different ways to run; pick one');
  if ((out.parallelism !== undefined || out.image !== undefined) && !out.emit) {
    problems.push('--parallelism and --image only apply to --emit k6-operator');
  }
  if (problems.length > 0) {
    throw new HarnessError('USAGE', `load: ${problems.join('; ')}\nusage: ${LOAD_USAGE}`);
  }
  return out;
}
