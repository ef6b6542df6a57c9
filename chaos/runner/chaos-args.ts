import { HarnessError } from '../../common/harness-error.ts';
import { DR_DRILL_NAMES } from '../dr/dr-drills.ts';
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
}

/** Printed by `node cli/main.ts run chaos --help` after "usage: node cli/main.ts ". */
export const CHAOS_USAGE = `run chaos [--env <name>] [--drill <name>]... [--drill-file <path>]... [--dry-run] [--dr]
  --drill <name>             run one shipped drill (repeatable): ${[...SHIPPED_DRILL_NAMES, ...DR_DRILL_NAMES].join(', ')}
  --drill-file <path>        run a drill written as JSON (docs/chaos.md; repeatable)
  --dry-run                  resolve the target, validate the drills, print the plan; inject nothing
  --dr                       quarterly disaster-recovery drill: every drill and db-restore, evidence stamped for the quarter
  --allow-production-chaos   required, with protections.allowChaos, to drill a production profile
  --emit fis-template        write per drill the FIS CreateExperimentTemplate JSON and the IAM policies (AWS profiles); run nothing
  --cleanup                  stop every experiment a previous drill's journal left running (after a crash); run nothing
environment: HARNESS_USER_PASSWORD (secret, the demo parent for drill traffic), HARNESS_ADMIN_TOKEN (secret, control API)`;

/** Every problem at once; exit 2 before anything starts. */
export function parseChaosArgs(args: readonly string[]): ChaosArgs {
  const parsed: ChaosArgs = { drills: [], drillFiles: [], dryRun: false, dr: false, allowProductionChaos: false, cleanup: false };
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) {
        problems.push(`${flag} needs a value`);
        return undefined;
      }
      i += 1;
      return next;
    };
    switch (flag) {
      case '--drill': {
        const name = value();
        if (name === undefined) break;
        if (!SHIPPED_DRILL_NAMES.includes(name) && !DR_DRILL_NAMES.includes(name)) problems.push(`--drill "${name}" is not a shipped drill; use one of ${[...SHIPPED_DRILL_NAMES, ...DR_DRILL_NAMES].join(', ')}, or --drill-file <path>`);
        else parsed.drills.push(name);
        break;
      }
      case '--drill-file': {
        const path = value();
        if (path !== undefined) parsed.drillFiles.push(path);
        break;
      }
      case '--dry-run':
        parsed.dryRun = true;
        break;
      case '--dr':
        parsed.dr = true;
        break;
      case '--allow-production-chaos':
        parsed.allowProductionChaos = true;
        break;
      case '--emit': {
        const what = value();
        if (what === undefined) break;
        if (what === 'fis-template') parsed.emit = what;
        else problems.push(`--emit "${what}" is not something run chaos can write; use --emit fis-template`);
        break;
      }
      case '--cleanup':
        parsed.cleanup = true;
        break;
      default:
        problems.push(`unknown option "${arg}" for run chaos (see run chaos --help)`);
    }
  }
  if (parsed.dr && (parsed.drills.length > 0 || parsed.drillFiles.length > 0)) {
    problems.push('--dr runs every shipped drill; leave out --drill and --drill-file');
  }
  if (parsed.emit && parsed.cleanup) problems.push('--emit and --cleanup are separate runs; give one of them');
  if ((parsed.emit || parsed.cleanup) && (parsed.dryRun || parsed.dr)) problems.push('--emit and --cleanup run no drill; leave out --dry-run and --dr');
  if (problems.length > 0) throw new HarnessError('USAGE', `run chaos: ${problems.join('; ')}`);
  return parsed;
}
