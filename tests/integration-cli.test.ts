import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { waitFor } from '../common/wait-for.ts';
import { probeDockerEngine } from '../fixtures/services/docker-engine.ts';
import { withTimeout } from '../common/with-timeout.ts';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { TEMP_PREFIX } from '../common/temp-dir.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { cliEnv, PROJECT_ROOT, runCli } from './test-support/run-cli.ts';
import { groupAlive } from './test-support/process-group.ts';

const docker = await probeDockerEngine(process.env);
const NO_DOCKER = 'unix:///nonexistent.sock';
/** The line the integration global setup prints once its services and platform are up. */
const SERVICES_UP =
  /integration services: (\w+)(?: \(containers labelled hasivu-verify\.run=([\w-]+)\))?: .*platform http:\S+ \(pid (\d+)\)/;

/**
 * A TMPDIR of the test's own, so "no temp dir left" means this run's, whatever else runs beside
 * it. Readable by others: as root, native Postgres runs as the postgres account inside it.
 */
function privateTmp(onTestFinished: (cleanup: () => void) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hv-integration-cli-'));
  chmodSync(dir, 0o755);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX));

function containersLabelled(runId: string): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=hasivu-verify.run=${runId}`], {
    encoding: 'utf8',
    timeout: 10_000,
  })
    .split(/\s+/)
    .filter(Boolean);
}

describe('npm run test:integration, black-box', () => {
  test.for<{ when: string; env: Record<string, string> }>([
    { when: 'the CLI starts its own target', env: {} },
    {
      when: 'the target is given, so the integration runner checks first',
      env: { HARNESS_BASE_URL: 'http://127.0.0.1:9' },
    },
  ])(
    'with neither a Docker engine nor Postgres/Redis binaries, one error line names both fixes and exit is 2 ($when)',
    async ({ env }, { expect, onTestFinished }) => {
      const emptyPath = privateTmp(onTestFinished);
      const outcome = await runCli(['run', 'integration'], {
        ...env,
        PATH: emptyPath,
        DOCKER_HOST: NO_DOCKER,
        DATABASE_URL: '',
        REDIS_URL: '',
        HARNESS_REPORTS_DIR: join(emptyPath, 'reports'),
      });
      expect(outcome.code).toBe(2);
      const errors = outcome.stderr.split('\n').filter((line) => line.startsWith('error:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/No way to start Postgres and Redis/);
      expect(errors[0]).toMatch(/start a Docker engine/);
      expect(errors[0]).toMatch(/install postgresql and redis-server/);
      expect(outcome.stderr).not.toMatch(/internal error|\n\s+at /);
    },
  );

  test.skipIf(!docker.ok)(
    "a service that cannot start in the suite's own setup ends the run with its error line and exit 2",
    async ({ expect, onTestFinished }) => {
      const reportsDir = join(privateTmp(onTestFinished), 'reports');
      const outcome = await runCli(['run', 'integration'], {
        ...offlineContainerEnv({}),
        HARNESS_SERVICES: 'testcontainers',
        HARNESS_POSTGRES_IMAGE: 'hasivu-verify/postgres:no-such-tag',
        // A target is given, so the CLI starts nothing itself and the failure is the suite's.
        HARNESS_BASE_URL: 'http://127.0.0.1:9',
        HARNESS_REPORTS_DIR: reportsDir,
      });
      expect(outcome.code).toBe(2);
      const errors = outcome.stderr.split('\n').filter((line) => line.startsWith('error:'));
      expect(errors).toEqual([
        expect.stringMatching(/hasivu-verify\/postgres:no-such-tag \(HARNESS_POSTGRES_IMAGE\).*Fix:/),
      ]);
      // The evidence says the suite never ran, so the scorecard cannot count it as passed.
      const result = RunResultSchema.parse(
        JSON.parse(readFileSync(join(reportsDir, 'results', 'integration.json'), 'utf8')),
      );
      expect(result.checks.map((c) => [c.id, c.status])).toEqual([['integration.run', 'error']]);
    },
  );

  test('with no Docker engine, it passes on native services and says why Testcontainers was skipped', async ({
    expect,
    onTestFinished,
  }) => {
    const tmp = privateTmp(onTestFinished);
    const reportsDir = join(tmp, 'reports');
    const outcome = await runCli(
      ['run', 'integration'],
      { DOCKER_HOST: NO_DOCKER, TMPDIR: tmp, HARNESS_REPORTS_DIR: reportsDir },
      110_000,
    );

    expect(outcome.stderr).toMatch(
      /integration services: testcontainers not applicable: no Docker engine answered at unix:\/\/\/nonexistent\.sock/,
    );
    expect(outcome.stderr).toMatch(/integration services: using native/);
    expect(outcome.code, outcome.stderr.slice(-3000)).toBe(0);
    const result = RunResultSchema.parse(
      JSON.parse(readFileSync(join(reportsDir, 'results', 'integration.json'), 'utf8')),
    );
    expect(result.checks.length).toBeGreaterThanOrEqual(10);
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.checks.every((c) => c.category === 'integration')).toBe(true);
    expect(leftovers(tmp)).toEqual([]);
  });

  const providers = [
    { provider: 'native', env: { HARNESS_SERVICES: 'native' } },
    // The CLI's own target is left out (a target URL is given), so every container of the run carries the logged label.
    ...(docker.ok
      ? [
          {
            provider: 'testcontainers',
            env: {
              ...offlineContainerEnv({}),
              HARNESS_SERVICES: 'testcontainers',
              HARNESS_BASE_URL: 'http://127.0.0.1:9',
            },
          },
        ]
      : []),
  ];
  test.for(providers)(
    'interrupted with SIGINT mid-run on $provider, it leaves no process, container or temp dir',
    async ({ provider, env }, { expect, onTestFinished }) => {
      const tmp = privateTmp(onTestFinished);
      // Its own process group, so the signal reaches it the way Ctrl-C does: every process of the run at once.
      const child = spawn(process.execPath, ['cli/main.ts', 'run', 'integration'], {
        cwd: PROJECT_ROOT,
        env: cliEnv({ TMPDIR: tmp, HARNESS_REPORTS_DIR: join(tmp, 'reports'), ...env }),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const pgid = child.pid ?? 0;
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      try {
        const up = await waitFor(
          'the integration services and platform to be up',
          () => {
            if (child.exitCode !== null) throw new Error(`the CLI exited early with ${child.exitCode}:\n${stderr}`);
            return SERVICES_UP.exec(stderr) ?? undefined;
          },
          { timeoutMs: 90_000, intervalMs: 50 },
        );
        expect(up[1]).toBe(provider);
        expect(
          leftovers(tmp).length + (up[2] ? containersLabelled(up[2]).length : 0),
          'the run has something to clean up',
        ).toBeGreaterThan(0);

        process.kill(-pgid, 'SIGINT');
        const [code] = await withTimeout(exited, 30_000, 'the CLI to exit after SIGINT');
        expect(code).toBe(130);
        await waitFor('every process of the run to be gone', () => (groupAlive(pgid) ? undefined : true), {
          timeoutMs: 10_000,
        });
        expect(leftovers(tmp)).toEqual([]);
        if (up[2]) expect(containersLabelled(up[2])).toEqual([]);
      } finally {
        if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      }
    },
  );
});
