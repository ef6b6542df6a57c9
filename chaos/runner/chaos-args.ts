import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine } from '../../common/command-line.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { DR_DRILL_NAMES } from '../dr/dr-drills.ts';
import { drillNames } from '../drills/drill-catalog.ts';
import { SHIPPED_DRILL_NAMES } from '../drills/shipped-drills.ts';

export interface ChaosArgs {
  /** Shipped drills to run, in order; every one when absent. */
  drills: string[];
  /** Drill files (JSON) to run instead of or besides shipped drills. */
  drillFiles: string[];
  dryRun: boolean;
  /** The quarterly disaster-recovery run: evidence stamped with its quarter. */
  dr: boolean;
  allowProductionChaos: boolean;
  /** `--emit fis-template`: write the AWS FIS templates and IAM policies; run nothing. */
  emit?: 'fis-template';
  /** `--cleanup`: stop experiments earlier drills' journals left running; run nothing. */
  cleanup: boolean;
  /** `--adapter aws|local`: only that candidate; without it, aws then local. */
  adapter?: 'aws' | 'local';
  /** `--canary-from-latest`: on AWS, the canary may carry `$LATEST`'s code when it differs from the live code. */
  canaryFromLatest: boolean;
}

/** Printed by `node cli/main.ts run chaos --help` after "usage: node cli/main.ts ". */
export const CHAOS_USAGE = `run chaos [--env <name>] [--drill <name>]... [--drill-file <path>]... [--dry-run] [--dr]
  --drill <name>             run one drill (repeatable): one in the config's drillsDir (file name), or ${[...SHIPPED_DRILL_NAMES, ...DR_DRILL_NAMES].join(', ')}
  --drill-file <path>        run a drill written as JSON (docs/chaos.md; repeatable)
  --dry-run                  resolve the target, validate the drills, print the plan; inject nothing
  --dr                       quarterly disaster-recovery drill: every drill and db-restore, evidence stamped for the quarter
  --allow-production-chaos   required, with protections.allowChaos, to drill a production profile
  --emit fis-template        write per drill the FIS CreateExperimentTemplate JSON and the IAM policies (AWS profiles); run nothing
  --cleanup                  stop and restore what a crashed drill left (journals; on AWS also the account); run nothing
  --adapter aws|local        drive the target only through these adapters; aws on the local platform rehearses the AWS path
  --canary-from-latest       on AWS, accept a canary whose code ($LATEST) differs from what the alias serves
environment: HARNESS_USER_PASSWORD (secret, the demo parent for drill traffic), HARNESS_ADMIN_TOKEN (secret, control API)`;

/** The chaos runner's options; `run chaos` parses them strictly with --env and --help. */
export const CHAOS_OPTIONS = {
  drill: { type: 'string', multiple: true },
  'drill-file': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  dr: { type: 'boolean' },
  'allow-production-chaos': { type: 'boolean' },
  emit: { type: 'string' },
  cleanup: { type: 'boolean' },
  adapter: { type: 'string' },
  'canary-from-latest': { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * A malformed command line stops at its first mistake (parseArgs); every problem with the
 * values is then reported at once. Exit 2 before anything starts.
 */
export function parseChaosArgs(args: readonly string[]): ChaosArgs {
  const { values } = parseCommandLine(args, CHAOS_OPTIONS, CHAOS_USAGE, 'run chaos: ');
  const problems: string[] = [];
  const drills = values.drill ?? [];
  const known = [...drillNames(), ...DR_DRILL_NAMES];
  for (const name of drills.filter((d) => !known.includes(d))) {
    problems.push(
      `--drill "${name}" is neither a shipped drill nor one in the config's drillsDir; use one of ${known.join(', ')}, or --drill-file <path>`,
    );
  }
  const parsed: ChaosArgs = {
    drills,
    drillFiles: values['drill-file'] ?? [],
    dryRun: values['dry-run'] === true,
    dr: values.dr === true,
    allowProductionChaos: values['allow-production-chaos'] === true,
    cleanup: values.cleanup === true,
    canaryFromLatest: values['canary-from-latest'] === true,
  };
  if (values.adapter !== undefined) {
    if (values.adapter === 'aws' || values.adapter === 'local') parsed.adapter = values.adapter;
    else problems.push(`--adapter "${values.adapter}" is not an adapter; use --adapter aws or --adapter local`);
  }
  if (values.emit !== undefined) {
    if (values.emit === 'fis-template') parsed.emit = values.emit;
    else problems.push(`--emit "${values.emit}" is not something run chaos can write; use --emit fis-template`);
  }
  if (parsed.dr && (parsed.drills.length > 0 || parsed.drillFiles.length > 0)) {
    problems.push('--dr runs every shipped drill; leave out --drill and --drill-file');
  }
  if (parsed.emit && parsed.cleanup) problems.push('--emit and --cleanup are separate runs; give one of them');
  if ((parsed.emit || parsed.cleanup) && (parsed.dryRun || parsed.dr))
    problems.push('--emit and --cleanup run no drill; leave out --dry-run and --dr');
  if (problems.length > 0) throw new HarnessError('USAGE', `run chaos: ${problems.join('; ')}\nusage: ${CHAOS_USAGE}`);
  return parsed;
}
