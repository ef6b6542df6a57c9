import { join } from 'node:path';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import { stopStaleExperiments } from '../cleanup/stale-experiments.ts';
import { cleanupInjector } from '../cleanup/cleanup-injector.ts';
import { drillNames, loadNamedDrills } from '../drills/drill-catalog.ts';
import { fisTemplateFiles, writeEmittedFiles } from '../emit/emit-fis-templates.ts';
import { loadDrillFile } from '../model/load-drill.ts';
import type { ChaosArgs } from './chaos-args.ts';

type Log = (line: string) => void;

/** `--emit fis-template`: templates and policies under `<reports>/fis/<profile>/`. */
export async function emitFisTemplates(
  args: ChaosArgs,
  environment: ResolvedEnvironment,
  log: Log,
): Promise<number> {
  const names =
    args.drills.length > 0 || args.drillFiles.length > 0 ? args.drills : drillNames();
  const drills = [
    ...(await loadNamedDrills(names)),
    ...(await Promise.all(args.drillFiles.map(loadDrillFile))),
  ];
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

/** `--cleanup`: exit 0 when nothing is left running, 1 when a stop failed. */
export async function cleanUp(environment: ResolvedEnvironment, log: Log): Promise<number> {
  await using source = cleanupInjector(environment, process.env, log);
  const signal = AbortSignal.timeout(60_000);
  const report = await stopStaleExperiments(environment.reportsDir, source.injector, log, signal);
  for (const path of report.unreadable)
    log(`chaos: cleanup: ${path} is not a drill journal; left alone`);
  for (const failure of report.failed) log(`chaos: cleanup: could not stop ${failure}`);
  log(
    `chaos: cleanup: ${report.journals.length} journals, ${report.stopped.length} experiments stopped, ` +
      `${report.alreadyEnded.length} had already ended, ${report.failed.length} failed`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
