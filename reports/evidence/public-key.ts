import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { HarnessError } from '../../common/harness-error.ts';

/** A public key from a PEM file (`check --verify-with FILE`). */
export async function readPublicKeyFile(path: string, option: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError(
      'USAGE',
      `${option} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a PEM public key file or a KMS key id`,
    );
  }
  // A private key would verify too, but it must never travel to the gate: refuse it by name.
  if (pem.includes('PRIVATE KEY')) {
    throw new HarnessError(
      'USAGE',
      `${option} ${path} holds a private key; give its public half: openssl pkey -in signing-key.pem -pubout -out signing-key.pub`,
    );
  }
  try {
    return createPublicKey(pem);
  } catch {
    throw new HarnessError(
      'USAGE',
      `${option} ${path} is not a PEM public key; make it with: openssl pkey -in signing-key.pem -pubout -out signing-key.pub`,
    );
  }
}
