import type { KeyObject } from 'node:crypto';
import { bundleFromJSON, isBundleWithDsseEnvelope } from '@sigstore/bundle';
import { toSignedEntity, Verifier, type TrustMaterial } from '@sigstore/verify';

/** Trust in exactly one public key: no certificate authority, log or timestamp authority. */
function trustInKey(publicKey: KeyObject): TrustMaterial {
  return {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: () => ({ publicKey, validFor: () => true }),
  };
}

/**
 * Checks a Sigstore bundle's DSSE signature against the public key and returns the signed
 * payload and its type, or the reason it does not verify. Key-signed bundles carry no log
 * entry or timestamp, so none is required; the statement's own dates are judged by the caller.
 */
export function verifyDsseBundle(
  json: unknown,
  publicKey: KeyObject,
): { payload: Buffer; payloadType: string } | { problem: string } {
  let bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (error) {
    return { problem: `is not a Sigstore bundle (${(error as Error).message})` };
  }
  if (!isBundleWithDsseEnvelope(bundle))
    return { problem: 'is a Sigstore bundle without a DSSE envelope, not an attestation' };
  try {
    new Verifier(trustInKey(publicKey), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(
      toSignedEntity(bundle),
    );
  } catch (error) {
    return {
      problem: `has a bad signature: not signed by the key given with --verify-with, or changed after signing (${(error as Error).message})`,
    };
  }
  const envelope = bundle.content.dsseEnvelope;
  return { payload: envelope.payload, payloadType: envelope.payloadType };
}
