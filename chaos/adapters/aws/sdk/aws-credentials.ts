import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type CredentialsVerdict = { found: true; source: string } | { found: false; reason: string };

function sectionExists(file: string, names: readonly string[]): boolean {
  if (!existsSync(file)) return false;
  const headers = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => /^\s*\[\s*([^\]]+?)\s*\]/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
  return headers.some((header) => names.includes(header));
}

/**
 * Whether the SDK's default credential chain has something to work with, decided from the
 * environment and the shared files alone: no network, so no instance-metadata or SSO call.
 * The sources are checked in the chain's own order (env, web identity, shared files,
 * container). An EC2 instance role is not probed; set AWS_PROFILE or AWS_* variables there.
 * Nothing here reads a secret's value beyond "is it set".
 */
export function detectAwsCredentials(env: NodeJS.ProcessEnv, home: string = homedir()): CredentialsVerdict {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return { found: true, source: 'environment (AWS_ACCESS_KEY_ID)' };
  if (env.AWS_ACCESS_KEY_ID) {
    return { found: false, reason: 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not' };
  }
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    return existsSync(env.AWS_WEB_IDENTITY_TOKEN_FILE)
      ? { found: true, source: 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)' }
      : {
          found: false,
          reason: `AWS_WEB_IDENTITY_TOKEN_FILE=${env.AWS_WEB_IDENTITY_TOKEN_FILE} does not exist`,
        };
  }
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  if (sectionExists(credentialsFile, [profile]) || sectionExists(configFile, [`profile ${profile}`, profile])) {
    return { found: true, source: `shared config profile "${profile}"` };
  }
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return { found: true, source: 'container credentials (AWS_CONTAINER_CREDENTIALS_*)' };
  }
  const named = env.AWS_PROFILE
    ? `AWS_PROFILE=${env.AWS_PROFILE} names no profile in ${credentialsFile} or ${configFile}`
    : '';
  return {
    found: false,
    reason:
      named ||
      `no AWS credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, no AWS_PROFILE, no [default] profile in ${credentialsFile} or ${configFile}`,
  };
}
