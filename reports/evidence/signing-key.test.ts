import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { redact } from '../../common/redact.ts';
import { isHarnessError } from '../../common/harness-error.ts';
import { signingKeyFromEnv } from './signing-key.ts';

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();

async function refusal(env: NodeJS.ProcessEnv): Promise<string> {
  try {
    await signingKeyFromEnv(env);
  } catch (error) {
    if (isHarnessError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the signing key from the environment', () => {
  test('HARNESS_SIGNING_KEY is registered as a secret: no fragment of it survives redaction', async () => {
    const key = pem(generateKeyPairSync('ed25519').privateKey);
    const signer = await signingKeyFromEnv({ HARNESS_SIGNING_KEY: key });
    expect(signer?.description).toBe('key from HARNESS_SIGNING_KEY');
    const line = key.split('\n')[1] ?? '';
    expect(line.length).toBeGreaterThan(20);
    expect(redact(`log: ${line}`)).not.toContain(line.slice(0, 8));
  });

  test('a P-384 key is refused by name with the fix (exit 2), as is text that is no key, without quoting it', async () => {
    const p384 = pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);
    expect(await refusal({ HARNESS_SIGNING_KEY: p384 })).toMatch(
      /^HARNESS_SIGNING_KEY is a ec secp384r1 key; give an unencrypted PKCS#8 PEM ECDSA P-256 or Ed25519 private key/,
    );
    const message = await refusal({ HARNESS_SIGNING_KEY: 'not-a-key-but-a-secret-value' });
    expect(message).toMatch(/^HARNESS_SIGNING_KEY is not a private key;/);
    expect(message).not.toContain('secret-value');
  });

  test('HARNESS_SIGNING_KEY_FILE that cannot be read names the variable and the path', async () => {
    expect(await refusal({ HARNESS_SIGNING_KEY_FILE: '/nonexistent/key.pem' })).toMatch(
      /^HARNESS_SIGNING_KEY_FILE=\/nonexistent\/key\.pem cannot be read \(ENOENT\)/,
    );
  });

  test('no key set: unsigned', async () => {
    expect(await signingKeyFromEnv({})).toBeUndefined();
  });
});
