import type { TestProject } from 'vitest/node';
import { acquireTarget } from '../runner/acquire-target.ts';
import { targetEnv } from '../runner/target.ts';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { probeTarget } from './target-probe.ts';

/**
 * vitest globalSetup for suites that run against a target. When the CLI already
 * resolved the target it has set HARNESS_BASE_URL; when a developer runs
 * `vitest --project smoke` directly on `local`, it starts the reference platform for
 * the run and stops it afterwards. Then it asks the target once whether it answers at
 * all, so a dead target costs one deadline, not one per check.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const environment = resolveProfile();
  let teardown: (() => Promise<void>) | undefined;
  if (environment.startsLocalPlatform) {
    const acquired = await acquireTarget(environment, (line) => console.error(line));
    // Workers are started after global setup and inherit this environment.
    Object.assign(process.env, targetEnv(acquired.target, environment));
    teardown = async () => {
      await acquired[Symbol.asyncDispose]();
    };
  }
  const { target } = environment.profile;
  const baseUrl = process.env.HARNESS_BASE_URL || target.baseUrl || '';
  const down = baseUrl ? await probeTarget(baseUrl, target.requestTimeoutMs, target.maxResponseBytes) : undefined;
  if (down) console.error(`target: ${down.reason}; the checks that need it are blocked`);
  project.provide('targetDown', down ?? null);
  return teardown;
}
