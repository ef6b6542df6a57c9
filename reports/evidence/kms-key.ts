import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { Signer } from '@sigstore/sign';
import { HarnessError } from '../../common/harness-error.ts';
import type { AttestationSigner } from './attestation-signer.ts';

/** A KMS key id, ARN or alias, as `check --verify-with` and `evidence.kmsKeyId` take them. */
export function isKmsKeyReference(value: string): boolean {
  return /^(arn:aws[a-z-]*:kms:|alias\/|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|mrk-[0-9a-f]{32}$)/.test(
    value,
  );
}

/** One bounded attempt per call: a signing step must never hang the gate. */
export function createKmsClient(region: string): KMSClient {
  return new KMSClient({
    region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  });
}

function kmsFailure(action: string, keyId: string, error: unknown): HarnessError {
  const name = (error as { name?: string }).name ?? 'Error';
  return new HarnessError(
    'KMS_KEY',
    `KMS ${action} with key ${keyId} failed (${name}: ${(error as Error).message}); the key must be an asymmetric ECC_NIST_P256 SIGN_VERIFY key and the caller needs kms:${action}`,
  );
}

/** The KMS key's public half: what verifiers use, fetched with kms:GetPublicKey. */
export async function kmsPublicKey(client: KMSClient, keyId: string): Promise<KeyObject> {
  let der: Uint8Array | undefined;
  let spec: string | undefined;
  try {
    const answer = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    der = answer.PublicKey;
    // CustomerMasterKeySpec: the older name of the same field, still all some KMS-compatible services send.
    spec = answer.KeySpec ?? answer.CustomerMasterKeySpec;
  } catch (error) {
    throw kmsFailure('GetPublicKey', keyId, error);
  }
  if (!der || spec !== 'ECC_NIST_P256') {
    throw new HarnessError(
      'KMS_KEY',
      `KMS key ${keyId} is ${spec ?? 'without a public key'}; use an asymmetric ECC_NIST_P256 SIGN_VERIFY key`,
    );
  }
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}

/**
 * Signs with kms:Sign: the private key never leaves KMS. ECDSA_SHA_256 over the raw message
 * (KMS hashes it) returns the DER signature DSSE expects.
 */
export async function kmsSigner(client: KMSClient, keyId: string): Promise<AttestationSigner> {
  const publicKey = await kmsPublicKey(client, keyId);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const signer: Signer = {
    async sign(data: Buffer) {
      let signature: Uint8Array | undefined;
      try {
        signature = (
          await client.send(
            new SignCommand({ KeyId: keyId, Message: data, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
          )
        ).Signature;
      } catch (error) {
        throw kmsFailure('Sign', keyId, error);
      }
      if (!signature) throw new HarnessError('KMS_KEY', `KMS Sign with key ${keyId} returned no signature`);
      return { signature: Buffer.from(signature), key: { $case: 'publicKey', publicKey: pem } };
    },
  };
  return { signer, description: `KMS key ${keyId}` };
}
