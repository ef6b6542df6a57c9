import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startFakePlatform, type FakePlatformOptions } from '../fixtures/fake-platform/start-fake-platform.ts';
import { parseYamlDocuments } from '../load/test-support/parse-yaml-documents.ts';
import { RunResultSchema, type RunResult } from '../reports/run-result.ts';
import { runCli, type CliOutcome } from './test-support/run-cli.ts';

/**
 * `npm run test:load` against small servers that miss the SLA on purpose. The CI
 * profile's rate, shortened: abortOnFail ends these runs about 10 s in anyway.
 */
async function loadAgainst(
  stubOptions: FakePlatformOptions,
  args: string[] = ['--duration', '20'],
  env: Record<string, string> = {},
): Promise<{
  outcome: CliOutcome;
  result: RunResult | undefined;
  reportsDir: string;
  check: CliOutcome | undefined;
}> {
  await using stub = await startFakePlatform(stubOptions);
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-load-test-'));
  const common = {
    HARNESS_BASE_URL: stub.url,
    HARNESS_USER_EMAIL: stub.credentials.email,
    HARNESS_USER_PASSWORD: stub.credentials.password,
    HARNESS_REPORTS_DIR: reportsDir,
    ...env,
  };
  try {
    const outcome = await runCli(['run', 'load', ...args], common);
    let result: RunResult | undefined;
    try {
      result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'load.json'), 'utf8')));
    } catch {
      result = undefined;
    }
    // The scorecard over what the run wrote, as `npm run check` would show it.
    const check = result ? await runCli(['check'], common) : undefined;
    return { outcome, result, reportsDir, check };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

const byId = (result: RunResult | undefined, id: string) => result?.checks.find((c) => c.id === id);

describe('load runs against servers that miss the SLA', () => {
  test('a slow endpoint (p95 above 2 s) fails the run, and the scorecard names it with its p95', async () => {
    const { outcome, result, check } = await loadAgainst({ delayMs: { menus: 2300 } });
    expect(outcome.timedOut).toBe(false);
    expect(outcome.code).toBe(1);
    const menus = byId(result, 'load.sla.endpoint.menus.latency');
    expect(menus?.status).toBe('fail');
    expect(menus?.measured?.value).toBeGreaterThan(2000);
    expect(menus?.message).toMatch(/^menus p95 23\d\d ms, NOT under 2000 ms/);
    expect(byId(result, 'load.sla.endpoint.order-get.latency')?.status).toBe('pass');
    expect(byId(result, 'load.sla.errors.rate')?.status).toBe('pass');
    expect(check?.stdout).toMatch(/✗ load\.sla\.endpoint\.menus\.latency \[critical\] menus p95 23\d\d ms/);
    // Evidence: the raw k6 summary and the per-endpoint report, named on every check.
    expect(menus?.evidence?.some((path) => path.endsWith('load/sla-ci.k6-summary.json'))).toBe(true);
  });

  test('a server failing 5 % of requests fails on the error rate', async () => {
    const { outcome, result, check } = await loadAgainst({ failEvery: 20 });
    expect(outcome.code).toBe(1);
    const errors = byId(result, 'load.sla.errors.rate');
    expect(errors?.status).toBe('fail');
    expect(errors?.measured?.value).toBeGreaterThanOrEqual(4);
    expect(errors?.measured?.value).toBeLessThanOrEqual(6);
    expect(errors?.message).toMatch(/% of requests failed, NOT under 1 %/);
    // Times of failed answers prove nothing: the latency figure is reported, not passed.
    const latency = byId(result, 'load.sla.latency.business');
    expect(latency?.status).toBe('error');
    expect(latency?.message).toMatch(/not a valid pass: .*responses failed their own checks/);
    expect(check?.stdout).toMatch(/✗ load\.sla\.errors\.rate \[critical\]/);
  });

  test('without k6: one line on how to install it, exit 2, performance not evaluated', async () => {
    const { outcome, result } = await loadAgainst({}, [], { K6_BIN: '/nonexistent/k6' });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/error: K6_BIN=\/nonexistent\/k6 is not an executable file; install k6 \(https:/);
    expect(result?.checks).toEqual([
      expect.objectContaining({ id: 'load.sla.run', status: 'skip', category: 'performance' }),
    ]);
  });

  test('a production profile is refused without the explicit override, before any request', async () => {
    // Production is https:// (plain http is refused as a configuration error), so the target is
    // a loopback listener that counts connections: a refusal must come before the first one,
    // the /health probe included.
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-load-production-'));
    try {
      const outcome = await runCli(['run', 'load', '--duration', '5', '--env', 'production'], {
        HARNESS_BASE_URL: `https://127.0.0.1:${port}`,
        HARNESS_USER_EMAIL: 'parent@fake.hasivu.test',
        HARNESS_USER_PASSWORD: 'Lp4v-Gm8s-Xe2k',
        HARNESS_REPORTS_DIR: reportsDir,
      });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain('refusing to send load');
      expect(outcome.stderr).toContain('--allow-production-load');
      expect(connections).toBe(0);
      await expect(readFile(join(reportsDir, 'results', 'load.json'))).rejects.toThrow(/ENOENT/);
    } finally {
      listener.close();
      await rm(reportsDir, { recursive: true, force: true });
    }
  });

  test('--emit k6-operator writes the manifest instead of running', async () => {
    await using stub = await startFakePlatform({});
    const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-load-emit-'));
    try {
      const outcome = await runCli(['run', 'load', '--emit', 'k6-operator', '--parallelism', '2'], {
        HARNESS_BASE_URL: stub.url,
        HARNESS_USER_PASSWORD: 'never-in-the-manifest',
        HARNESS_REPORTS_DIR: reportsDir,
      });
      expect(outcome.code).toBe(0);
      const manifest = await readFile(join(reportsDir, 'load', 'hasivu-load-sla-ci.k6-operator.yaml'), 'utf8');
      const [configMap, testRun] = parseYamlDocuments(manifest) as [
        { kind: string },
        { kind: string; spec: { parallelism: number } },
      ];
      expect(configMap.kind).toBe('ConfigMap');
      expect(testRun.kind).toBe('TestRun');
      expect(testRun.spec.parallelism).toBe(2);
      expect(manifest).not.toContain('never-in-the-manifest');
      expect(stub.counts.size).toBe(0);
    } finally {
      await rm(reportsDir, { recursive: true, force: true });
    }
  });
});
