import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServices } from '../fixtures/services/resolve-services.ts';
import type { StartedServices } from '../fixtures/services/started-services.ts';
import { startPlatform, type StartedPlatform } from '../platform/start-platform.ts';
import { RunResultSchema, type RunKind } from '../reports/run-result.ts';
import { startPrefixProxy, type StartedPrefixProxy } from './test-support/prefix-proxy.ts';
import { runCli } from './test-support/run-cli.ts';
import { verifyReferencePlatform } from './test-support/verify-reference-platform.ts';

/**
 * An API Gateway stage URL (`…/staging`) in front of the reference platform: every part
 * of the harness must keep the base path. The proxy answers anything outside the prefix
 * with 404, so a dropped base path fails loudly instead of hitting some other route.
 */
let services: StartedServices;
let platform: StartedPlatform;
let proxy: StartedPrefixProxy;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-base-path-'));
  services = await startServices({ log: () => undefined });
  platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
  });
  proxy = await startPrefixProxy(platform.url, '/staging');
});

afterAll(async () => {
  await proxy?.[Symbol.asyncDispose]();
  await platform?.close();
  await services?.dispose();
  await rm(workDir, { recursive: true, force: true });
});

async function cliThroughProxy(kind: RunKind, args: string[] = [], baseUrl = proxy.url) {
  const reportsDir = await mkdtemp(join(workDir, 'reports-'));
  const outcome = await runCli(['run', kind, ...args], {
    HARNESS_BASE_URL: baseUrl,
    HARNESS_USER_EMAIL: platform.demoParent.email,
    HARNESS_USER_PASSWORD: platform.demoParent.password,
    HARNESS_WEBHOOK_SECRET: platform.webhookSecret,
    HARNESS_REPORTS_DIR: reportsDir,
  });
  const file = join(reportsDir, 'results', `${kind}.json`);
  const result = outcome.code === 2 ? undefined : RunResultSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  return { outcome, result };
}

describe('a base URL with a path (API Gateway stage) behind a prefix proxy', () => {
  test('smoke passes, and no request left the base path', async () => {
    const { outcome, result } = await cliThroughProxy('smoke');
    expect(
      result?.checks.filter((c) => c.status === 'fail' || c.status === 'error'),
      outcome.stderr.slice(-2000),
    ).toEqual([]);
    expect(outcome.code).toBe(0);
    expect(proxy.strays).toEqual([]);
  });

  test('the health checks pass (npm run health:check:* runs smoke --tags health)', async () => {
    const { outcome, result } = await cliThroughProxy('smoke', ['--tags', 'health']);
    expect(outcome.code, outcome.stderr.slice(-2000)).toBe(0);
    expect(result?.checks.filter((c) => c.status === 'pass').length).toBeGreaterThanOrEqual(12);
    expect(proxy.strays).toEqual([]);
  });

  test('a trailing slash on the base URL changes nothing', async () => {
    const { outcome } = await cliThroughProxy('smoke', ['--tags', 'health'], `${proxy.url}/`);
    expect(outcome.code, outcome.stderr.slice(-2000)).toBe(0);
    expect(proxy.strays).toEqual([]);
  });

  test('load keeps the base path', async () => {
    const { outcome, result } = await cliThroughProxy('load', ['--profile', 'ci', '--duration', '3']);
    const notPassed = result?.checks.filter((c) => c.status === 'fail' || c.status === 'error');
    expect(notPassed, outcome.stderr.slice(-2000)).toEqual([]);
    expect(proxy.strays).toEqual([]);
  });

  test('contract verification keeps the base path', async () => {
    const result = await verifyReferencePlatform(platform, proxy.url, {
      environmentName: 'staging',
      reportsDir: await mkdtemp(join(workDir, 'contract-')),
    });
    const failed = result.checks.filter((c) => c.status === 'fail' || c.status === 'error');
    expect(failed).toEqual([]);
    expect(result.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(5);
    expect(proxy.strays).toEqual([]);
  });

  test.each(['?stage=staging', '#staging'])('a base URL with %s is a configuration error (exit 2)', async (tail) => {
    const { outcome } = await cliThroughProxy('smoke', [], `${proxy.url}${tail}`);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/target\.baseUrl: must not carry a query string or fragment/);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});
