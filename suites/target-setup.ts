import { acquireTarget } from '../runner/acquire-target.ts';
import { targetEnv } from '../runner/target.ts';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';

/**
 * vitest globalSetup for suites that run against a target. When the CLI already
 * resolved the target it has set HARNESS_BASE_URL, and this does nothing; when a
 * developer runs `vitest --project smoke` directly on `local`, it starts the
 * reference platform for the run and stops it afterwards.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const environment = resolveProfile();
  if (!environment.startsLocalPlatform) return undefined;
  const acquired = await acquireTarget(environment, (line) => console.error(line));
  // Workers are started after global setup and inherit this environment.
  Object.assign(process.env, targetEnv(acquired.target, environment));
  return async () => {
    await acquired[Symbol.asyncDispose]();
  };
}
