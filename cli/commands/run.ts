import { lockDirectory } from '../../common/dir-lock.ts';
import { assertWritableDir } from '../../common/writable-dir.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { requireSecrets } from '../../fixtures/environments/required-secrets.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { RUN_KINDS } from '../../reports/run-result.ts';
import { acquireTarget, noTarget } from '../../runner/acquire-target.ts';
import { guardInterrupts, INTERRUPTED_EXIT_CODE } from '../interrupt.ts';
import { logLine, stageLine } from '../console-log.ts';
import { splitRunnerArgs } from '../command-options.ts';
import { commandHelp, RUN_USAGE } from '../usage.ts';
import { targetEnv } from '../../runner/target.ts';
import { runDescription, runnerFor, runOn, scoreAndGate, summarize } from './command-steps.ts';
import { recordRelease } from './record-release.ts';
import { attestStageResult, loadSigner, prepareAttesting } from './evidence-steps.ts';
import { removeScorecard } from './write-scorecard.ts';
import { removeAttestation } from '../../reports/evidence/attestation-files.ts';

/** `run <kind>`: one suite against the target; exit 1 when any of its checks failed. */
export async function runCommand(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === '--help' || kind === '-h') {
    process.stdout.write(commandHelp(RUN_USAGE));
    return 0;
  }
  if (!kind || kind.startsWith('-')) {
    throw new HarnessError('USAGE', `run needs a suite: ${RUN_KINDS.join(' | ')}\nusage: ${RUN_USAGE}`);
  }
  const runner = await runnerFor(kind);
  const usage = runner.usage ?? `run ${runner.kind} [--env <name>]`;
  const { env, help, runnerArgs } = splitRunnerArgs(rest, runner.options ?? {}, usage);
  if (help) {
    process.stdout.write(`${runner.kind}: ${runner.summary}\n${commandHelp(usage)}`);
    return 0;
  }
  runner.checkArgs?.(runnerArgs);
  const offline = runner.offlineMode?.(runnerArgs);
  if (offline) return offline(resolveProfile({ name: env, requireBaseUrl: false }), logLine);
  const environment = resolveProfile({ name: env });
  requireSecrets(environment, [runner.kind]);
  const signer = await loadSigner(environment.profile);
  runner.guardTarget?.(environment, runnerArgs);
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  // Held to the end: a second run on the same directory is refused, never interleaved.
  using _lock = await lockDirectory(environment.reportsDir, runDescription(), 'HARNESS_REPORTS_DIR');
  // The results change, so an older scorecard no longer describes them.
  await removeScorecard(environment.reportsDir, environment.profile);
  await removeAttestation(environment.reportsDir, 'verdict');
  await using acquired =
    runner.needsTarget === false ? noTarget(environment) : await acquireTarget(environment, logLine);
  if (acquired.target.baseUrl) Object.assign(process.env, targetEnv(acquired.target, environment));
  await recordRelease(acquired.target.baseUrl);
  const attesting = await prepareAttesting(environment.profile, acquired.target.baseUrl, signer);
  using interrupts = guardInterrupts();
  stageLine(
    'start',
    `${kind} against ${acquired.target.baseUrl || 'a platform of its own'} (${environment.profile.name})`,
  );
  const result = await runOn(runner, {
    environment,
    target: acquired.target,
    args: runnerArgs,
    signal: interrupts.signal,
  });
  await attestStageResult(environment.reportsDir, result.kind, attesting);
  const { line, failed } = summarize(result);
  stageLine(failed > 0 || result.aborted ? 'fail' : 'pass', line);
  logLine(`results: ${environment.reportsDir}/results/${kind}.json`);
  if (interrupts.received) {
    // The scorecard names the interruption, so nobody mistakes what ran for the whole suite.
    await scoreAndGate(environment.reportsDir, environment.profile, {
      interruption: `${interrupts.received} during ${kind}`,
    });
    return INTERRUPTED_EXIT_CODE;
  }
  return failed > 0 || result.aborted ? 1 : 0;
}
