import { existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { HarnessError } from '../../common/harness-error.ts';
import type { AttestationSigner } from './attestation-signer.ts';
import { createKmsClient, isKmsKeyReference, kmsPublicKey, kmsSigner } from './kms-key.ts';
import { readPublicKeyFile } from './public-key.ts';
import { signingKeyFromEnv } from './signing-key.ts';

function kmsRegion(profile: Profile, env: NodeJS.ProcessEnv, what: string): string {
  const region = profile.aws?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region)
    throw new HarnessError(
      'KMS_KEY',
      `${what} names a KMS key but no region is known; set AWS_REGION or the profile's aws.region`,
    );
  return region;
}

/** The signer: HARNESS_SIGNING_KEY(_FILE) first, then the profile's KMS key; undefined = unsigned. */
export async function resolveSigner(
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AttestationSigner | undefined> {
  const local = await signingKeyFromEnv(env);
  if (local) return local;
  const keyId = profile.evidence.kmsKeyId;
  if (!keyId) return undefined;
  return kmsSigner(createKmsClient(kmsRegion(profile, env, 'evidence.kmsKeyId')), keyId);
}

/** `--verify-with`: a PEM public key file, or a KMS key whose public half KMS hands out. */
export async function resolveVerificationKey(
  value: string,
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KeyObject> {
  if (!existsSync(value) && isKmsKeyReference(value)) {
    const client = createKmsClient(kmsRegion(profile, env, '--verify-with'));
    try {
      return await kmsPublicKey(client, value);
    } finally {
      client.destroy();
    }
  }
  return readPublicKeyFile(value, '--verify-with');
}
