import { HarnessError } from '../../common/harness-error.ts';
import { PLAN_ENV, type LoadPlan } from '../catalog/load-plan.ts';
import { isLoopback } from '../../common/is-loopback.ts';

export interface CloudInvocation {
  args: string[];
  env: Record<string, string>;
}

/**
 * `k6 cloud run` with the same bundle. Grafana Cloud runs the script on its own
 * machines, so it gets only what is not secret as `-e` values (the plan, base URL,
 * login); the password comes from the Grafana Cloud k6 secret `hasivu-user-password`
 * and the API token from K6_CLOUD_TOKEN in the child's environment.
 */
export function cloudInvocation(
  bundlePath: string,
  plan: LoadPlan,
  baseUrl: string,
  email: string,
  env: NodeJS.ProcessEnv,
): CloudInvocation {
  const problems: string[] = [];
  if (isLoopback(baseUrl))
    problems.push(`${baseUrl} is loopback: Grafana Cloud k6 cannot reach this machine; use --env staging`);
  const token = env.K6_CLOUD_TOKEN?.trim();
  if (!token) problems.push('K6_CLOUD_TOKEN is not set; create a token in Grafana Cloud k6 and export it');
  if (problems.length > 0 || !token) {
    throw new HarnessError(
      'LOAD_CLOUD_UNAVAILABLE',
      `--cloud cannot run:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  const pass = (name: string, value: string): string[] => ['-e', `${name}=${value}`];
  return {
    args: [
      'cloud',
      'run',
      ...pass(PLAN_ENV, JSON.stringify(plan)),
      ...pass('HARNESS_BASE_URL', baseUrl),
      ...pass('HARNESS_USER_EMAIL', email),
      bundlePath,
    ],
    env: {
      K6_CLOUD_TOKEN: token,
      ...(env.K6_CLOUD_PROJECT_ID ? { K6_CLOUD_PROJECT_ID: env.K6_CLOUD_PROJECT_ID } : {}),
    },
  };
}
