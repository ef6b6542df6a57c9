import { describe, expect, test } from 'vitest';
import { ProfileSchema } from '../fixtures/environments/profile-schema.ts';
import { STAGING_PROFILE } from '../fixtures/environments/profiles/staging.ts';
import { healthReleaseDigest, probeReleaseDigest } from './release-digest.ts';

const CODE_SHA256_BASE64 = Buffer.alloc(32, 7).toString('base64');
const CODE_SHA256_HEX = '07'.repeat(32);

describe('the release digest from Lambda (the SDK path itself: tests/lambda-release-digest.test.ts, against moto)', () => {
  test('without credentials found offline, no call is made (the SDK would ask the instance metadata service)', async () => {
    const profile = ProfileSchema.parse(STAGING_PROFILE);
    const digest = await probeReleaseDigest(profile, {});
    expect(digest).toMatchObject({ problem: expect.stringContaining('no AWS credentials are set') as unknown });
  });
});

describe('the release digest from /health', () => {
  test('takes codeSha256 in base64 (as Lambda reports it) or hex', () => {
    expect(healthReleaseDigest(CODE_SHA256_BASE64)).toEqual({ sha256: CODE_SHA256_HEX });
    expect(healthReleaseDigest(`sha256:${CODE_SHA256_HEX.toUpperCase()}`)).toEqual({ sha256: CODE_SHA256_HEX });
  });

  test('says what is missing when the target reports none or a bad one', () => {
    expect(healthReleaseDigest(undefined)).toMatchObject({
      problem: expect.stringContaining('reports no valid codeSha256') as unknown,
    });
    expect(healthReleaseDigest('abc')).toMatchObject({ problem: expect.stringContaining('"abc"') as unknown });
  });
});
