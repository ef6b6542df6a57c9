import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDirectory } from '../../common/dir-lock.ts';
import { assertWritableDir } from '../../common/writable-dir.ts';
import { allureResultsDir } from '../../reports/allure/allure-paths.ts';
import { HarnessError, isHarnessError } from '../../common/harness-error.ts';
import { requireSecrets } from '../../fixtures/environments/required-secrets.ts';
import { resolveProfile, type ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import type { RunKind, RunResult } from '../../reports/run-result.ts';
import { acquireTarget } from '../../runner/acquire-target.ts';
import { guardInterrupts, INTERRUPTED_EXIT_CODE, type InterruptGuard } from '../interrupt.ts';
import { logLine, stageLine } from '../console-log.ts';
import { parseCommandLine } from '../../common/command-line.ts';
import { COMMON_OPTIONS } from '../command-options.ts';

const VERIFY_OPTIONS = { ...COMMON_OPTIONS, 'no-fuzz': { type: 'boolean' } } as const;
import { commandHelp, VERIFY_USAGE } from '../usage.ts';
import { RUNNERS } from '../runners.ts';
import { targetEnv } from '../../runner/target.ts';
import { runDescription, runOn, scoreAndGate, summarize } from './command-steps.ts';
import { recordRelease } from './record-release.ts';
import { removeScorecard } from './write-scorecard.ts';
import { attestationsDir } from '../../reports/evidence/attestation-files.ts';
import { attestStageResult, loadSigner, prepareAttesting, type Attesting } from './evidence-steps.ts';
import type { AttestationSigner } from '../../reports/evidence/attestation-signer.ts';
import type { Runner } from '../../runner/runner.ts';

interface Stage {
  kind: RunKind;
  args: string[];
  /** Why this stage does not run here, or undefined when it does. */
  skipReason(environment: ResolvedEnvironment): string | undefined;
}

/** The main job's order: cheap and decisive first; a failed smoke stops the rest. */
export const STAGES: readonly Stage[] = [
  { kind: 'smoke', args: [], skipReason: () => undefined },
  { kind: 'contract', args: [], skipReason: () => undefined },
  {
    kind: 'integration',
    args: [],
    skipReason: (environment) =>
      environment.profile.name === 'local' ? undefined : 'integration runs only on the local profile',
  },
  {
    kind: 'load',
    args: ['--profile', 'ci'],
    skipReason: (environment) =>
      environment.profile.protections.allowLoad
        ? undefined
        : `protections.allowLoad is false on ${environment.profile.name}`,
  },
  {
    kind: 'chaos',
    args: [],
    skipReason: (environment) =>
      environment.profile.name === 'local' ? undefined : 'drills outside local run on their own schedule',
  },
];

/** `verify`: resolve, start what is needed, run every stage, score, gate. */
export async function verifyCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, VERIFY_OPTIONS, VERIFY_USAGE);
  const { env, help } = { env: values.env, help: values.help === true };
  // The fuzz step is part of smoke (never on production); --no-fuzz leaves it out.
  const smokeArgs = values['no-fuzz'] ? ['--no-fuzz'] : [];
  if (help) {
    process.stdout.write(commandHelp(VERIFY_USAGE));
    return 0;
  }
  const environment = resolveProfile({ name: env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  // Held to the end: a second run on the same directory is refused, never interleaved.
  using _lock = await lockDirectory(environment.reportsDir, runDescription(), 'HARNESS_REPORTS_DIR');
  requireSecrets(
    environment,
    STAGES.filter((stage) => !stage.skipReason(environment)).map((stage) => stage.kind),
  );
  const signer = await loadSigner(environment.profile);
  await removeEarlierEvidence(environment);

  const started = Date.now();
  // Held until the scorecard is written, so a Ctrl-C while scoring still waits for it.
  using interrupts = guardInterrupts();
  const run = await runStagesOnTarget(environment, signer, smokeArgs, interrupts);
  logLine(`stages finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const gate = await scoreAndGate(
    environment.reportsDir,
    environment.profile,
    interrupts.received ? { interruption: `${interrupts.received} during ${run.current}` } : {},
    run.attesting,
  );
  if (interrupts.interrupted) return INTERRUPTED_EXIT_CODE;
  if (run.setupErrors.length === 0) return gate;
  // The scorecard is written; the exit code still says the set-up needs fixing.
  throw new HarnessError(
    run.setupErrors[0]?.code ?? 'STAGE_SETUP',
    run.setupErrors.map((error) => error.message).join('\n'),
  );
}

/**
 * Evidence must come from this run: old result files would otherwise be scored, and an
 * old scorecard would outlive a run that does not finish.
 */
async function removeEarlierEvidence(environment: ResolvedEnvironment): Promise<void> {
  await rm(join(environment.reportsDir, 'results'), { recursive: true, force: true });
  await rm(attestationsDir(environment.reportsDir), { recursive: true, force: true });
  await removeScorecard(environment.reportsDir, environment.profile);
  await rm(allureResultsDir(environment.reportsDir), { recursive: true, force: true });
}

/** What the stages left for scoring: the stage running last, set-up errors, the attesting state. */
interface StagesRun {
  current: string;
  setupErrors: HarnessError[];
  attesting: Attesting | undefined;
}

/** Acquires the target, runs the stages in order on it, and stops it again before scoring. */
async function runStagesOnTarget(
  environment: ResolvedEnvironment,
  signer: AttestationSigner | undefined,
  smokeArgs: string[],
  interrupts: InterruptGuard,
): Promise<StagesRun> {
  const run: StagesRun = { current: 'start-up', setupErrors: [], attesting: undefined };
  // The target lives only as long as the stages: it is stopped before scoring.
  await using acquired = await acquireTarget(environment, logLine);
  Object.assign(process.env, targetEnv(acquired.target, environment));
  await recordRelease(acquired.target.baseUrl);
  const attesting = await prepareAttesting(environment.profile, acquired.target.baseUrl, signer);
  run.attesting = attesting;
  stageLine('start', `verify ${environment.profile.name} at ${acquired.target.baseUrl}`);

  for (const stage of STAGES) {
    if (interrupts.interrupted) {
      stageLine('skip', `${stage.kind} and later stages: interrupted`);
      break;
    }
    const runner = await stageRunner(stage, environment);
    if (!runner) continue;
    run.current = stage.kind;
    const context = {
      environment,
      target: acquired.target,
      args: stage.kind === 'smoke' ? [...stage.args, ...smokeArgs] : stage.args,
      signal: interrupts.signal,
    };
    const failed = await runStage(stage, runner, context, attesting, run.setupErrors);
    if (stage.kind === 'smoke' && failed) {
      stageLine('skip', 'later stages: smoke failed, so the release is not ready whatever they say');
      break;
    }
  }
  return run;
}

/** The stage's runner, or undefined (and a skip line) when the stage does not run here. */
async function stageRunner(stage: Stage, environment: ResolvedEnvironment): Promise<Runner | undefined> {
  const load = RUNNERS[stage.kind];
  const reason = stage.skipReason(environment) ?? (load ? undefined : 'not available in this version');
  if (reason || !load) {
    stageLine('skip', `${stage.kind}: ${reason ?? ''}`);
    return undefined;
  }
  return load();
}

/** Runs one stage, attests and prints its result; true when a check in it failed. */
async function runStage(
  stage: Stage,
  runner: Runner,
  context: Parameters<typeof runOn>[1],
  attesting: Attesting,
  setupErrors: HarnessError[],
): Promise<boolean> {
  stageLine('start', `${stage.kind}: ${runner.summary}`);
  const stageStarted = Date.now();
  let result: RunResult;
  try {
    result = await runOn(runner, context);
  } catch (error) {
    // A stage that cannot run here (k6 missing, say) must not cost the other stages'
    // evidence: note it, carry on, score what exists, and exit 2 at the end.
    if (!isHarnessError(error)) throw error;
    setupErrors.push(error);
    stageLine('fail', `${stage.kind}: ${error.message}`);
    return false;
  }
  await attestStageResult(context.environment.reportsDir, stage.kind, attesting);
  const { line, failed } = summarize(result);
  const outcome = result.aborted ? 'skip' : failed > 0 ? 'fail' : 'pass';
  const aborted = result.aborted ? `, aborted: ${result.aborted.reason}` : '';
  stageLine(outcome, `${line} (${((Date.now() - stageStarted) / 1000).toFixed(1)} s${aborted})`);
  return failed > 0;
}
