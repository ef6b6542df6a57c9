import pkg from '../package.json' with { type: 'json' };
import type { Provenance } from './run-result.ts';

/** Set by the CLI from the target's /health once it is reachable, for every runner and child. */
export const RELEASE_ID_ENV = 'HARNESS_RELEASE_ID';

/** The GitHub Actions run URL from its standard variables, when running there. */
function ciRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!server || !repo || !run) return undefined;
  return `${server}/${repo}/actions/runs/${run}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

/** What this process is judging and from where: recorded in every result and the scorecard. */
export function currentProvenance(env: NodeJS.ProcessEnv = process.env): Provenance {
  const releaseId = env[RELEASE_ID_ENV]?.trim();
  const commit = (env.GITHUB_SHA ?? env.HARNESS_COMMIT)?.trim();
  const runUrl = ciRunUrl(env);
  return {
    ...(releaseId ? { releaseId } : {}),
    ...(commit ? { commit } : {}),
    ...(runUrl ? { runUrl } : {}),
    harnessVersion: pkg.version,
  };
}
