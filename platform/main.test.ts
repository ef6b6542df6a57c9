import { chmodSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, describe, inject, test } from 'vitest';
import { freePort } from '../common/free-port.ts';
import { waitFor } from '../common/wait-for.ts';
import { makeTempDir, removeTempDir, TEMP_PREFIX } from '../common/temp-dir.ts';
import { call } from './test-support/api-client.ts';
import { descendants, isAlive, spawnCli, type CliRun } from './test-support/cli-process.ts';

const { databaseUrl, redisUrl } = inject('services');
const runs: CliRun[] = [];
afterAll(async () => {
  // A failed test must not leave a platform, or the servers it started, running.
  await Promise.all(runs.splice(0).map((run) => run.stop()));
}, 30_000);

/** The environment without service URLs, so the CLI picks its own services as a user's shell would. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, PORT: _port, ...env } = process.env;
  return { ...env, ...extra };
}

function cli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const run = spawnCli(args, env);
  runs.push(run);
  return run;
}

/** The lines a user reads as errors; every other stderr line is progress. */
const errorLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('error:'));
const STACK_FRAME = /^\s+at /m;

// Each test runs its own process, so they run side by side (and use the test's own `expect`).
describe.concurrent('npm run platform', () => {
  test(
    'prints "listening on", serves, and on SIGTERM leaves no process and no temp dir',
    { timeout: 60_000 },
    async ({ expect }) => {
      // A TMPDIR of its own: other test files create hasivu-verify-* dirs in the shared one meanwhile.
      const tmp = makeTempDir('cli-test');
      chmodSync(tmp, 0o755); // Postgres runs as another user and must reach its data dir inside.
      try {
        const run = cli([], baseEnv({ TMPDIR: tmp }));
        const url = await waitFor(
          'the CLI to print "listening on"',
          () => /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(run.stdout())?.[1],
          {
            timeoutMs: 40_000,
          },
        );
        expect(run.stdout()).toBe(`listening on ${url}\n`);
        expect((await call(url, 'GET', '/health')).status).toBe(200);
        const children = descendants(run.child.pid ?? -1);
        expect(readdirSync(tmp).some((entry) => entry.startsWith(TEMP_PREFIX))).toBe(true);

        run.child.kill('SIGTERM');
        expect(await run.exited(20_000)).toEqual({ code: 0, signal: null });
        expect(children.filter(isAlive)).toEqual([]);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        removeTempDir(tmp);
      }
    },
  );

  test('honours PORT when --port is not given', async ({ expect }) => {
    const port = await freePort();
    const env = {
      HARNESS_SERVICES: 'external',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
    };
    const run = cli([], baseEnv(env));
    await waitFor('the CLI to print "listening on"', () => (run.stdout().includes('listening on') ? true : undefined), {
      timeoutMs: 30_000,
    });
    expect(run.stdout()).toBe(`listening on http://127.0.0.1:${port}\n`);
    run.child.kill('SIGTERM');
    expect(await run.exited(20_000)).toEqual({ code: 0, signal: null });
  });

  test('a port in use exits 2 with one line naming the port and the fix', async ({ expect }) => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = cli(
        ['--port', String(port)],
        baseEnv({ HARNESS_SERVICES: 'external', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl }),
      );
      expect((await run.exited(20_000)).code).toBe(2);
      expect(errorLines(run.stderr())).toEqual([
        expect.stringMatching(new RegExp(`^error: Port ${port} .*--port.*PORT`)),
      ]);
      expect(run.stderr()).not.toMatch(STACK_FRAME);
      expect(run.stdout()).not.toContain('listening on');
    } finally {
      blocker.close();
    }
  });

  test('an unreachable database exits 2 with one line naming DATABASE_URL, and no stack', async ({ expect }) => {
    const run = cli(
      [],
      baseEnv({
        HARNESS_SERVICES: 'external',
        DATABASE_URL: 'postgres://x@127.0.0.1:1/db',
        REDIS_URL: 'redis://127.0.0.1:1',
      }),
    );
    expect((await run.exited(20_000)).code).toBe(2);
    expect(errorLines(run.stderr())).toEqual([
      expect.stringMatching(/^error: Cannot reach Postgres at 127\.0\.0\.1:1 \(DATABASE_URL\).*Fix:/),
    ]);
    expect(run.stderr()).not.toMatch(STACK_FRAME);
  });

  test.for([
    [['--bogus'], /^error: .*--bogus.*--help/],
    [['--port', 'abc'], /^error: --port must be a port number/],
  ] as const)('%j is a usage error: exit 2, one line', async ([args, message], { expect }) => {
    const run = cli([...args], baseEnv());
    expect((await run.exited(20_000)).code).toBe(2);
    expect(errorLines(run.stderr())).toEqual([expect.stringMatching(message)]);
    expect(run.stderr()).not.toMatch(STACK_FRAME);
  });

  test('--help prints the usage and exits 0', async ({ expect }) => {
    const run = cli(['--help'], baseEnv());
    expect((await run.exited(20_000)).code).toBe(0);
    expect(run.stdout()).toMatch(/^Usage: npm run platform/);
  });
});
