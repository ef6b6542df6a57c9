import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExperimentTemplatesCommand, ListExperimentsCommand } from '@aws-sdk/client-fis';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { LOCAL_PLATFORM_AWS, localPlatformCredentials } from '../chaos/adapters/aws/candidate/local-platform-aws.ts';
import {
  createAwsSdkClients,
  destroyAwsSdkClients,
  type AwsSdkClients,
} from '../chaos/adapters/aws/sdk/sdk-clients.ts';
import type { Journal } from '../chaos/engine/journal.ts';
import { waitFor } from '../common/wait-for.ts';
import { withTimeout } from '../common/with-timeout.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from '../platform/test-support/isolated-platform.ts';
import { RunResultSchema, type RunResult } from '../reports/run-result.ts';
import { DrillPlatformView } from './test-support/drill-platform.ts';
import { groupAlive } from './test-support/process-group.ts';
import { cliEnv, PROJECT_ROOT, runCli } from './test-support/run-cli.ts';

// The AWS path, end to end on this machine: `run chaos --adapter aws` drives the reference
// platform through the harness's AWS adapters (real SDK clients with the platform as their
// endpoint), and must reach the local adapter's verdicts.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-chaos-aws-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SIX_DRILLS_MS = 600_000;
const ROLLBACK_DRILLS = ['canary-error-rollback', 'canary-latency-rollback', 'fis-invocation-error'];

async function readResult(reportsDir: string): Promise<RunResult> {
  return RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'chaos.json'), 'utf8')));
}

async function readJournal(reportsDir: string, drill: string): Promise<Journal> {
  return JSON.parse(await readFile(join(reportsDir, 'chaos', `${drill}-journal.json`), 'utf8')) as Journal;
}

/** Each drill's outcome, by drill name: the verdict the two adapters must agree on. */
const verdicts = (result: RunResult): Record<string, string> =>
  Object.fromEntries(
    result.checks.filter((c) => c.id.endsWith('.outcome')).map((c) => [c.id.split('.')[1] ?? c.id, c.status]),
  );

describe('run chaos --adapter aws against the platform it starts', () => {
  test(
    "all six drills pass through the AWS adapters, with the local adapter's verdicts",
    async () => {
      const aws = join(dir, 'aws');
      const local = join(dir, 'local');
      const viaAws = await runCli(['run', 'chaos', '--adapter', 'aws'], { HARNESS_REPORTS_DIR: aws }, SIX_DRILLS_MS);
      expect(viaAws.code, viaAws.stderr).toBe(0);
      expect(viaAws.stderr).toContain('chaos: drill adapters: aws');
      const viaLocal = await runCli(
        ['run', 'chaos', '--adapter', 'local'],
        { HARNESS_REPORTS_DIR: local },
        SIX_DRILLS_MS,
      );
      expect(viaLocal.code, viaLocal.stderr).toBe(0);
      const awsVerdicts = verdicts(await readResult(aws));
      expect(Object.keys(awsVerdicts)).toHaveLength(6);
      expect(
        Object.values(awsVerdicts).every((v) => v === 'pass'),
        JSON.stringify(awsVerdicts),
      ).toBe(true);
      expect(awsVerdicts).toEqual(verdicts(await readResult(local)));
      // Really through FIS and the SDK: the journal says so, and the canary was a new version.
      const journal = await readJournal(aws, 'fis-invocation-error');
      expect(journal.adapters.injector).toMatch(/^fis \(ap-south-1/);
      expect(journal.versions.canary).not.toBe(journal.versions.previous);
      expect(journal.experiments.length).toBeGreaterThan(0);
    },
    2 * SIX_DRILLS_MS,
  );

  test(
    'with HASIVU_AUTO_ROLLBACK=off the rollback drills fail through the AWS adapters, as through the local one',
    async () => {
      const args = ['run', 'chaos', ...ROLLBACK_DRILLS.flatMap((d) => ['--drill', d])];
      const aws = join(dir, 'aws-off');
      const local = join(dir, 'local-off');
      const viaAws = await runCli(
        [...args, '--adapter', 'aws'],
        { HARNESS_REPORTS_DIR: aws, HASIVU_AUTO_ROLLBACK: 'off' },
        SIX_DRILLS_MS,
      );
      expect(viaAws.code, viaAws.stderr).toBe(1);
      const viaLocal = await runCli(
        [...args, '--adapter', 'local'],
        { HARNESS_REPORTS_DIR: local, HASIVU_AUTO_ROLLBACK: 'off' },
        SIX_DRILLS_MS,
      );
      expect(viaLocal.code, viaLocal.stderr).toBe(1);
      const awsVerdicts = verdicts(await readResult(aws));
      expect(awsVerdicts).toEqual(Object.fromEntries(ROLLBACK_DRILLS.map((d) => [d, 'fail'])));
      expect(awsVerdicts).toEqual(verdicts(await readResult(local)));
    },
    2 * SIX_DRILLS_MS,
  );
});

/** A probe that never holds: the drill waits here until the test kills it. */
const HOLD = {
  name: 'hold here',
  type: 'probe',
  run: 'http',
  method: 'GET',
  path: '/health/live',
  tolerance: 418,
  timeoutMs: 60_000,
};
const CRASHING_DRILL = {
  name: 'crashed-bad-release',
  title: 'a bad release faulted through FIS, deployed without rollback, then the process dies',
  function: 'createOrder',
  requires: ['release-control', 'fault-injection'],
  deadlineMs: 90_000,
  traffic: { ratePerSecond: 5, maxRequests: 450, requestTimeoutMs: 5000, slowMs: 2000 },
  steadyStateHypothesis: {
    title: 'ready',
    probes: [
      {
        name: 'ready',
        type: 'probe',
        run: 'http',
        method: 'GET',
        path: '/health/ready',
        tolerance: 200,
        timeoutMs: 10_000,
      },
    ],
  },
  method: [
    { name: 'publish a bad release', type: 'action', run: 'publish-version', behaviour: { errorRate: 1 } },
    {
      name: 'deploy the canary',
      type: 'action',
      run: 'start-deployment',
      version: '$canary',
      canaryPercentage: 20,
      canaryInterval: 60,
      alarms: [],
      autoRollback: false,
    },
    HOLD,
  ],
  rollbacks: [
    { name: 'stop experiments', type: 'action', run: 'stop-experiments' },
    { name: 'stop the deployment', type: 'action', run: 'stop-deployment' },
    { name: 'alias back', type: 'action', run: 'restore-alias', version: '$previous' },
  ],
};

describe('run chaos --adapter aws against a platform this test owns', () => {
  let isolated: IsolatedPlatform;
  let view: DrillPlatformView;
  let sdk: AwsSdkClients;
  beforeAll(async () => {
    isolated = await startIsolatedPlatform();
    view = new DrillPlatformView(isolated.platform);
    sdk = createAwsSdkClients(LOCAL_PLATFORM_AWS.region, {
      endpoint: isolated.platform.url,
      credentials: localPlatformCredentials(isolated.platform.adminToken),
    });
  }, 60_000);
  afterAll(async () => {
    if (sdk) destroyAwsSdkClients(sdk);
    await isolated?.[Symbol.asyncDispose]();
  });
  beforeEach(() => view.reset());

  const running = async () =>
    ((await sdk.fis.send(new ListExperimentsCommand({}))).experiments ?? []).filter(
      (e) => !['completed', 'stopped', 'failed', 'cancelled'].includes(String(e.state?.status)),
    );

  test('kill -9 mid-drill, then --cleanup: the journaled bad-release fault, the deployment and the alias weight are undone', async () => {
    const reportsDir = join(dir, 'crash');
    const file = join(dir, 'crashed-bad-release.json');
    await writeFile(file, JSON.stringify(CRASHING_DRILL, null, 2));
    const child = spawn(process.execPath, ['cli/main.ts', 'run', 'chaos', '--adapter', 'aws', '--drill-file', file], {
      cwd: PROJECT_ROOT,
      env: cliEnv({ HARNESS_REPORTS_DIR: reportsDir, ...view.cliEnv() }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const exited = once(child, 'exit');
    const pgid = child.pid ?? 0;
    try {
      await waitFor(
        'the drill to hold with its fault and deployment journaled',
        async () => {
          if (child.exitCode !== null) throw new Error(`the CLI exited early with ${child.exitCode}:\n${stderr}`);
          const journal = await readJournal(reportsDir, CRASHING_DRILL.name).catch(() => undefined);
          return journal?.run.some((s) => s.name === 'hold here' && !s.end) ? journal : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      process.kill(-pgid, 'SIGKILL');
      await withTimeout(exited, 10_000, 'the killed CLI to exit');
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
    const crashed = await readJournal(reportsDir, CRASHING_DRILL.name);
    expect(crashed.status).toBe('running');
    // The bad release's experiment, started inside publish-version, is in the journal.
    expect(crashed.experiments).toHaveLength(1);
    expect(crashed.deployments).toHaveLength(1);
    expect((await running()).map((e) => e.id)).toEqual([crashed.experiments[0]?.id]);
    const before = await sdk.lambda.send(new GetAliasCommand({ FunctionName: 'createOrder', Name: 'live' }));
    expect(Object.keys(before.RoutingConfig?.AdditionalVersionWeights ?? {})).toEqual([crashed.versions.canary]);

    const cleanup = await runCli(
      ['run', 'chaos', '--cleanup', '--adapter', 'aws'],
      { HARNESS_REPORTS_DIR: reportsDir, ...view.cliEnv() },
      120_000,
    );
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stderr).toMatch(/1 experiments stopped/);
    expect(cleanup.stderr).toContain(`stopped deployment ${crashed.deployments[0]?.id ?? '?'}`);
    expect(await running()).toEqual([]);
    const deployment = await sdk.codeDeploy.send(
      new GetDeploymentCommand({ deploymentId: crashed.deployments[0]?.id }),
    );
    expect(deployment.deploymentInfo?.status).toBe('Stopped');
    await waitFor(
      'the alias to carry no extra weight',
      async () => {
        const alias = await sdk.lambda.send(new GetAliasCommand({ FunctionName: 'createOrder', Name: 'live' }));
        return Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length === 0 ? alias : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const after = await readJournal(reportsDir, CRASHING_DRILL.name);
    expect(after.experiments[0]?.finalState).toBe('stopped');
    // A second cleanup finds nothing left: journals and account agree.
    const again = await runCli(
      ['run', 'chaos', '--cleanup', '--adapter', 'aws'],
      { HARNESS_REPORTS_DIR: reportsDir, ...view.cliEnv() },
      60_000,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 experiments stopped, .* 0 other leftovers undone, 0 could not be undone/);
  });

  test('--dry-run through the AWS adapters passes and leaves nothing on the account', async () => {
    const templates = async () =>
      (await sdk.fis.send(new ListExperimentTemplatesCommand({}))).experimentTemplates ?? [];
    const experiments = async () => (await sdk.fis.send(new ListExperimentsCommand({}))).experiments ?? [];
    const [templatesBefore, experimentsBefore] = await Promise.all([templates(), experiments()]);
    const reportsDir = join(dir, 'dry-run');
    const outcome = await runCli(
      [
        'run',
        'chaos',
        '--adapter',
        'aws',
        '--dry-run',
        '--drill',
        'fis-invocation-error',
        '--drill',
        'canary-error-rollback',
      ],
      {
        HARNESS_REPORTS_DIR: reportsDir,
        ...view.cliEnv(),
      },
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).not.toContain('has no alarm named');
    expect(outcome.stderr).toContain('nothing was created');
    expect((await templates()).length).toBe(templatesBefore.length);
    expect((await experiments()).length).toBe(experimentsBefore.length);
  });
});
