import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Signer } from '@sigstore/sign';
import { HarnessError } from '../../common/harness-error.ts';
import { registerSecret } from '../../common/redact.ts';
import type { AttestationSigner } from './attestation-signer.ts';

export const SIGNING_KEY_ENV = 'HARNESS_SIGNING_KEY';
export const SIGNING_KEY_FILE_ENV = 'HARNESS_SIGNING_KEY_FILE';

const KEY_FIX =
  'give an unencrypted PKCS#8 PEM ECDSA P-256 or Ed25519 private key (docs/evidence.md: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)';

/** Only the two algorithms every Sigstore and in-toto verifier knows for public-key bundles. */
function assertSupported(key: KeyObject, source: string): void {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ed25519' || (key.asymmetricKeyType === 'ec' && curve === 'prime256v1')) return;
  throw new HarnessError(
    'INVALID_SIGNING_KEY',
    `${source} is a ${key.asymmetricKeyType ?? 'unknown'}${curve ? ` ${curve}` : ''} key; ${KEY_FIX}`,
  );
}

export function parsePrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // The parser's message can quote the input: say only where it came from.
    throw new HarnessError('INVALID_SIGNING_KEY', `${source} is not a private key; ${KEY_FIX}`);
  }
  assertSupported(key, source);
  return key;
}

/** A Sigstore signer over a private key held in this process. */
export function keySigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // ECDSA over SHA-256 (DER signature) for P-256; Ed25519 hashes internally.
  const algorithm = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return {
    sign: (data: Buffer) =>
      Promise.resolve({ signature: sign(algorithm, data, privateKey), key: { $case: 'publicKey', publicKey: pem } }),
  };
}

/**
 * The signing key from `HARNESS_SIGNING_KEY` (the PEM itself) or `HARNESS_SIGNING_KEY_FILE`
 * (its path), or undefined when neither is set. The PEM is registered as a secret first, so
 * no error or log can show it.
 */
export async function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<AttestationSigner | undefined> {
  const inline = env[SIGNING_KEY_ENV];
  const file = env[SIGNING_KEY_FILE_ENV];
  if (inline?.trim()) {
    registerSecret(inline);
    return { signer: keySigner(parsePrivateKey(inline, SIGNING_KEY_ENV)), description: `key from ${SIGNING_KEY_ENV}` };
  }
  if (!file?.trim()) return undefined;
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new HarnessError(
      'INVALID_SIGNING_KEY',
      `${SIGNING_KEY_FILE_ENV}=${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); ${KEY_FIX}`,
    );
  }
  registerSecret(pem);
  return {
    signer: keySigner(parsePrivateKey(pem, `${SIGNING_KEY_FILE_ENV} (${file})`)),
    description: `key file ${file}`,
  };
}
