import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RunResultSchema } from '../reports/run-result.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { runCli } from './test-support/run-cli.ts';

/** A target that accepts connections and then never answers, or answers one byte a second. */
async function startDeadTarget(behaviour: 'silent' | 'trickle'): Promise<{ url: string } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (behaviour === 'trickle') {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n');
      // Bounded: at most a minute of bytes per connection.
      let sent = 0;
      const timer = setInterval(() => {
        if (++sent > 60 || socket.destroyed) return clearInterval(timer);
        socket.write('{');
      }, 1000);
      timers.add(timer);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async [Symbol.asyncDispose]() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let reportsDir = '';
beforeEach(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
});
afterEach(async () => {
  await rm(reportsDir, { recursive: true, force: true });
});

describe('a dead target is judged in seconds, root cause first', () => {
  test.each(['silent', 'trickle'] as const)('smoke against a %s target', async (behaviour) => {
    await using dead = await startDeadTarget(behaviour);
    const started = Date.now();
    const outcome = await runCli(['run', 'smoke'], {
      HARNESS_BASE_URL: dead.url,
      HARNESS_USER_PASSWORD: 'Zq8-Lm3-Vx7',
      HARNESS_REPORTS_DIR: reportsDir,
    });
    const elapsed = Date.now() - started;
    expect(outcome.code).toBe(1);
    // The first line after the start says what is wrong, once.
    const lines = outcome.stderr.split('\n');
    expect(lines[lines.findIndex((line) => line.startsWith('==> smoke')) + 1]).toMatch(
      /^target: GET http:\/\/127\.0\.0\.1:\d+\/health did not answer within 5000 ms .*; the checks that need it are blocked$/,
    );
    const shownBlocked = /⊘ (\d+) checks blocked by smoke\.health\.comprehensive\.contract/.exec(outcome.stderr);
    expect(shownBlocked).not.toBeNull();
    // No code frames on the console: one line per failed check, the frames are in the log.
    expect(outcome.stdout + outcome.stderr).not.toMatch(/❯ suites\/|^\s+\d+\|/m);
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    const root = result.checks.find((c) => c.id === 'smoke.health.comprehensive.contract');
    expect(root?.status).toBe('fail');
    expect(root?.evidence?.some((e) => e.endsWith('logs/smoke-vitest.log'))).toBe(true);
    // Every check that was not skipped is blocked by the one root cause: nothing passed, nothing
    // else failed, however many checks the suites hold.
    const blocked = result.checks.filter((c) => c.status === 'blocked');
    const skipped = result.checks.filter((c) => c.status === 'skip');
    expect(blocked.length).toBe(result.checks.length - 1 - skipped.length);
    expect(blocked.length).toBeGreaterThanOrEqual(28);
    expect(blocked.every((c) => c.blockedBy === 'smoke.health.comprehensive.contract')).toBe(true);
    expect(Number(shownBlocked?.[1])).toBe(blocked.length);
    // A deadline, not a timing target: the bound for judging a dead target.
    expect(elapsed).toBeLessThan(30_000);
    console.log(`smoke against a ${behaviour} target: ${elapsed} ms`);
  });

  test('verify against a silent target: not ready within 30 s, the root cause first', async () => {
    await using dead = await startDeadTarget('silent');
    const started = Date.now();
    const outcome = await runCli(['verify', '--env', 'dev'], {
      HARNESS_BASE_URL: dead.url,
      HARNESS_USER_PASSWORD: 'Zq8-Lm3-Vx7',
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expect(outcome.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as Scorecard;
    expect(card.verdict).toBe('not-ready');
    expect(card.reasons[0]).toMatch(/smoke\.health\.comprehensive\.contract .*the target did not answer/);
  });
});
