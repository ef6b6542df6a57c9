import { join } from 'node:path';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import { stopStaleExperiments } from '../cleanup/stale-experiments.ts';
import { cleanupInjector } from '../cleanup/cleanup-injector.ts';
import { cleanUpAwsLeftovers } from '../cleanup/aws-leftovers.ts';
import { loadSelectedDrills } from '../drills/drill-catalog.ts';
import { fisTemplateFiles, writeEmittedFiles } from '../emit/emit-fis-templates.ts';
import type { ChaosArgs } from './chaos-args.ts';

type Log = (line: string) => void;

/** `--emit fis-template`: templates and policies under `<reports>/fis/<profile>/`. */
export async function emitFisTemplates(args: ChaosArgs, environment: ResolvedEnvironment, log: Log): Promise<number> {
  const drills = await loadSelectedDrills(args);
  const outDir = join(environment.reportsDir, 'fis', environment.profile.name);
  const emitted = fisTemplateFiles(environment.profile, drills, outDir);
  await writeEmittedFiles(emitted);
  for (const path of emitted.files.keys()) log(`chaos: wrote ${path}`);
  for (const line of emitted.skipped) log(`chaos: no template for ${line}`);
  for (const note of emitted.notes) log(`chaos: note: ${note}`);
  log(
    `chaos: create each template with: aws fis create-experiment-template --cli-input-json file://<drill>.json --region ${environment.profile.aws?.region ?? '<region>'}`,
  );
  return 0;
}

/**
 * `--cleanup`: every journal's experiments; on AWS also the journals' deployments and marks,
 * and what the account says the harness left (aws-leftovers.ts). Exit 0 when nothing is left,
 * 1 when anything could not be undone, each named.
 */
export async function cleanUp(environment: ResolvedEnvironment, log: Log, adapter?: 'aws' | 'local'): Promise<number> {
  await using source = cleanupInjector(environment, process.env, log, undefined, adapter === 'aws');
  const signal = AbortSignal.timeout(180_000);
  const report = await stopStaleExperiments(environment.reportsDir, source.injector, log, signal);
  for (const path of report.unreadable) log(`chaos: cleanup: ${path} is not a drill journal; left alone`);
  const leftovers = source.aws
    ? await cleanUpAwsLeftovers(environment.reportsDir, source.aws, signal)
    : { undone: [], failed: [] };
  for (const line of leftovers.undone) log(`chaos: cleanup: ${line}`);
  const failed = [...report.failed, ...leftovers.failed];
  for (const failure of failed) log(`chaos: cleanup: could not undo ${failure}`);
  log(
    `chaos: cleanup: ${report.journals.length} journals, ${report.stopped.length} experiments stopped, ` +
      `${report.alreadyEnded.length} had already ended, ${leftovers.undone.length} other leftovers undone, ${failed.length} could not be undone`,
  );
  return failed.length > 0 ? 1 : 0;
}
