import { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Profile } from '../fixtures/environments/profile-schema.ts';
import { normalizeSha256 } from '../reports/evidence/release-subject.ts';

/** The codeSha256 the target's /health reported when the run started (runner/release-id.ts). */
export const REPORTED_CODE_SHA256_ENV = 'HARNESS_REPORTED_CODE_SHA256';

/** The release's code digest, or why it could not be read (the attestations then cannot name it). */
export type ReleaseDigest = { sha256: string; name?: string } | { problem: string };

/** The digest the target reported as `codeSha256` in /health (base64 like Lambda's, or hex). */
export function healthReleaseDigest(reported: string | undefined): ReleaseDigest {
  const sha256 = reported ? normalizeSha256(reported) : undefined;
  if (sha256) return { sha256 };
  return {
    problem: `the target's /health reports no valid codeSha256 (a base64 or hex SHA-256 of the deployed code)${reported ? `: "${reported.slice(0, 80)}"` : ''}; report it, or set evidence.releaseDigest to lambda-alias`,
  };
}

/**
 * Credentials the SDK can find without asking the network. Without them the default chain
 * would try the instance metadata service, which exists only on AWS.
 */
export function awsCredentialsOffline(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
    env.AWS_PROFILE ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
  );
}

/** Two SDK calls, each bounded by the client's own timeouts as well. */
const LAMBDA_TIMEOUT_MS = 15_000;

/** CodeSha256 of the version the alias routes to: GetAlias, then GetFunctionConfiguration of that version. */
export async function lambdaAliasReleaseDigest(
  client: LambdaClient,
  functionName: string,
  alias: string,
): Promise<ReleaseDigest> {
  const signal = AbortSignal.timeout(LAMBDA_TIMEOUT_MS);
  try {
    const { FunctionVersion: version } = await client.send(
      new GetAliasCommand({ FunctionName: functionName, Name: alias }),
      { abortSignal: signal },
    );
    if (!version) return { problem: `lambda:GetAlias ${functionName}:${alias} named no version` };
    const config = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: version }),
      { abortSignal: signal },
    );
    const sha256 = config.CodeSha256 ? normalizeSha256(config.CodeSha256) : undefined;
    if (!sha256)
      return { problem: `lambda:GetFunctionConfiguration ${functionName}:${version} returned no valid CodeSha256` };
    return { sha256, name: `${functionName}:${version}` };
  } catch (error) {
    return {
      problem: `reading the release digest from Lambda ${functionName}:${alias} failed (${(error as Error).name}: ${(error as Error).message})`,
    };
  }
}

/** The release digest as the profile says to read it (`evidence.releaseDigest`). */
export async function probeReleaseDigest(
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReleaseDigest> {
  if (profile.evidence.releaseDigest === 'health') return healthReleaseDigest(env[REPORTED_CODE_SHA256_ENV]);
  const aws = profile.aws;
  if (!aws)
    return {
      problem: 'evidence.releaseDigest is lambda-alias but the profile has no aws block; add one or use health',
    };
  if (!awsCredentialsOffline(env)) {
    return {
      problem:
        'evidence.releaseDigest is lambda-alias but no AWS credentials are set (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a web identity)',
    };
  }
  const client = new LambdaClient({
    region: aws.region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  });
  try {
    return await lambdaAliasReleaseDigest(client, `${aws.functionPrefix}${aws.drillFunction}`, aws.alias);
  } finally {
    client.destroy();
  }
}
