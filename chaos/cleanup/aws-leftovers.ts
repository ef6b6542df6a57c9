import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { ACTIVE_DEPLOYMENT_STATUSES, isFinalDeploymentStatus } from '../../common/aws-shapes/codedeploy.ts';
import { isFinalExperimentStatus } from '../../common/aws-shapes/fis.ts';
import type { AwsProfile } from '../adapters/aws/candidate/aws-preflight.ts';
import type { CodeDeployApi } from '../adapters/aws/sdk/codedeploy-api.ts';
import { HARNESS_DESCRIPTION_PREFIX } from '../adapters/aws/release-controller/aws-release-controller.ts';
import type { LambdaApi } from '../adapters/aws/sdk/lambda-api.ts';
import { awaitExperimentEnd } from '../adapters/aws/fault-injector/await-experiment.ts';
import type { Journal, JournaledChange } from '../engine/journal.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import { journalPaths } from './stale-experiments.ts';

export interface AwsCleanupApis {
  injector: FaultInjector;
  lambda: LambdaApi;
  codeDeploy: CodeDeployApi;
  profile: AwsProfile;
}

export interface LeftoverReport {
  /** What was stopped or restored, one line each. */
  undone: string[];
  /** What could not be undone, with the reason: `--cleanup` exits 1 when any. */
  failed: string[];
}

async function attempt(report: LeftoverReport, what: string, action: () => Promise<string | undefined>): Promise<void> {
  try {
    const done = await action();
    if (done) report.undone.push(done);
  } catch (error) {
    report.failed.push(`${what}: ${(error as Error).message}`);
  }
}

/** Journals' deployments still running, `$LATEST` marks never taken off: stopped and restored. */
async function fromJournals(
  reportsDir: string,
  apis: AwsCleanupApis,
  report: LeftoverReport,
  signal: AbortSignal,
): Promise<void> {
  for (const path of await journalPaths(reportsDir)) {
    let journal: Journal;
    try {
      journal = JSON.parse(await readFile(path, 'utf8')) as Journal;
      if (!Array.isArray(journal.deployments)) continue;
    } catch {
      continue; // stale-experiments.ts names unreadable journals
    }
    let changed = false;
    for (const deployment of journal.deployments.filter((d) => !isFinalDeploymentStatus(d.finalStatus))) {
      await attempt(report, `deployment ${deployment.id} (${journal.drill})`, async () => {
        const info = (await apis.codeDeploy.getDeployment(deployment.id, signal)).deploymentInfo;
        if (isFinalDeploymentStatus(info?.status)) {
          deployment.finalStatus = info?.status;
          changed = true;
          return undefined;
        }
        await apis.codeDeploy.stopDeployment(deployment.id, true, signal);
        deployment.finalStatus = (await apis.codeDeploy.getDeployment(deployment.id, signal)).deploymentInfo?.status;
        changed = true;
        return `stopped deployment ${deployment.id} left by ${journal.drill}, with rollback (now ${deployment.finalStatus ?? '?'})`;
      });
    }
    const marks = (journal.changes ?? []).filter(
      (change): change is Extract<JournaledChange, { kind: 'function-configuration' }> =>
        change.kind === 'function-configuration' && !change.undoneAt,
    );
    for (const mark of marks) {
      await attempt(report, `the description of ${mark.functionName}:$LATEST (${journal.drill})`, async () => {
        const latest = await apis.lambda.getFunctionConfiguration(mark.functionName, '$LATEST', signal);
        mark.undoneAt = new Date().toISOString();
        changed = true;
        if (!(latest.Description ?? '').includes(mark.marker)) return undefined;
        await apis.lambda.updateFunctionConfiguration(
          { FunctionName: mark.functionName, Description: mark.original },
          signal,
        );
        return `took the drill's marker off ${mark.functionName}:$LATEST (left by ${journal.drill})`;
      });
    }
    const { previous, canary } = journal.versions;
    if (journal.status === 'running' && previous && canary) {
      // A drill that died after its canary was promoted: the alias goes back where the drill found it.
      const functionName = `${apis.profile.functionPrefix}${apis.profile.drillFunction}`;
      await attempt(report, `alias ${functionName}:${apis.profile.alias} (${journal.drill})`, async () => {
        const alias = await apis.lambda.getAlias(functionName, apis.profile.alias, signal);
        if (alias.FunctionVersion !== canary) return undefined;
        await apis.lambda.updateAlias(
          {
            FunctionName: functionName,
            Name: apis.profile.alias,
            FunctionVersion: previous,
            RoutingConfig: { AdditionalVersionWeights: {} },
          },
          signal,
        );
        return `put alias ${functionName}:${apis.profile.alias} back from the canary ${canary} to version ${previous} (left by ${journal.drill})`;
      });
    }
    if (changed)
      await writeFileAtomic(
        path,
        `${JSON.stringify({ ...journal, extra: { ...journal.extra, cleanedUpAt: new Date().toISOString() } }, null, 2)}\n`,
      );
  }
}

/**
 * What the account itself says the harness left, journals or not (a journal lost with its
 * machine): experiments tagged `hasivu:harness` still running, deployments of the drill's
 * deployment group the harness created still in progress, and the alias still carrying an
 * extra weight. Each is stopped or restored; what could not be is reported.
 */
async function fromAccount(
  apis: AwsCleanupApis,
  report: LeftoverReport,
  signal: AbortSignal,
  pollIntervalMs: number,
): Promise<void> {
  const { profile } = apis;
  await attempt(report, 'experiments tagged hasivu:harness', async () => {
    const running = (await apis.injector.list(signal)).filter((e) => !isFinalExperimentStatus(e.state.status));
    for (const experiment of running) {
      await attempt(report, `experiment ${experiment.id}`, async () => {
        if (experiment.state.status !== 'stopping') await apis.injector.stop(experiment.id, signal);
        const final = await awaitExperimentEnd(apis.injector, experiment.id, {
          timeoutMs: 60_000,
          intervalMs: pollIntervalMs,
          signal,
        });
        return `stopped experiment ${experiment.id} (tagged hasivu:harness, was ${experiment.state.status}, now ${final.state.status})`;
      });
    }
    return undefined;
  });
  const group = `${profile.codeDeployApplication}/${profile.codeDeployDeploymentGroup}`;
  await attempt(report, `in-progress deployments of ${group}`, async () => {
    const listed = await apis.codeDeploy.listDeployments(
      {
        applicationName: profile.codeDeployApplication,
        deploymentGroupName: profile.codeDeployDeploymentGroup,
        includeOnlyStatuses: [...ACTIVE_DEPLOYMENT_STATUSES],
      },
      signal,
    );
    for (const id of listed.deployments ?? []) {
      await attempt(report, `deployment ${id}`, async () => {
        const info = (await apis.codeDeploy.getDeployment(id, signal)).deploymentInfo;
        // Only the harness's own: someone else's release is not ours to stop.
        if (!info?.description?.startsWith(HARNESS_DESCRIPTION_PREFIX) || isFinalDeploymentStatus(info.status))
          return undefined;
        await apis.codeDeploy.stopDeployment(id, true, signal);
        return `stopped deployment ${id} of ${group} (created by the harness, was ${info.status ?? '?'}), with rollback`;
      });
    }
    return undefined;
  });
  const functionName = `${profile.functionPrefix}${profile.drillFunction}`;
  await attempt(report, `alias ${functionName}:${profile.alias}`, async () => {
    const alias = await apis.lambda.getAlias(functionName, profile.alias, signal);
    const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
    if (Object.keys(weights).length === 0 || !alias.FunctionVersion) return undefined;
    await apis.lambda.updateAlias(
      {
        FunctionName: functionName,
        Name: profile.alias,
        FunctionVersion: alias.FunctionVersion,
        RoutingConfig: { AdditionalVersionWeights: {} },
      },
      signal,
    );
    return `took the extra weight ${JSON.stringify(weights)} off alias ${functionName}:${profile.alias} (all traffic to version ${alias.FunctionVersion})`;
  });
}

/** `--cleanup` on AWS, after the journals' experiments: deployments, marks, then the account. */
export async function cleanUpAwsLeftovers(
  reportsDir: string,
  apis: AwsCleanupApis,
  signal: AbortSignal,
  pollIntervalMs = 2_000,
): Promise<LeftoverReport> {
  const report: LeftoverReport = { undone: [], failed: [] };
  await fromJournals(reportsDir, apis, report, signal);
  await fromAccount(apis, report, signal, pollIntervalMs);
  return report;
}
