import { captureOutput } from '../../common/child-process.ts';

async function git(args: string[], cwd: string): Promise<string | undefined> {
  const answer = await captureOutput('git', args, { cwd, timeoutMs: 5_000 });
  return (answer.ok && answer.stdout.trim()) || undefined;
}

/**
 * The commit and branch the consumer pacts were generated from. CI checkouts are often
 * detached, so the CI's own variables win over `git` (GitHub: GITHUB_HEAD_REF on pull
 * requests, GITHUB_REF_NAME otherwise).
 */
export async function gitInfo(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Promise<{ commit?: string; branch?: string }> {
  const commit = env.GITHUB_SHA || (await git(['rev-parse', 'HEAD'], cwd));
  const fromGit = await git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || (fromGit === 'HEAD' ? undefined : fromGit);
  return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}) };
}
