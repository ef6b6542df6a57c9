import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder } from '@sigstore/sign';
import type { Signer } from '@sigstore/sign';
import { IN_TOTO_PAYLOAD_TYPE, type Statement } from './in-toto-statement.ts';

/**
 * A Sigstore bundle (v0.3) holding the statement in a signed DSSE envelope, with public-key
 * verification material: no transparency log, no certificate, so it verifies offline against
 * the team's public key (cosign verify-blob-attestation --key, @sigstore/verify). The signers
 * give no key hint, so the DSSE signature's keyid stays empty: verifiers compute key ids each
 * their own way (cosign: an SSH fingerprint) and skip a signature whose keyid is not theirs.
 */
export async function signStatement(statement: Statement, signer: Signer): Promise<SerializedBundle> {
  const builder = new DSSEBundleBuilder({ signer, witnesses: [] });
  const bundle = await builder.create({ data: Buffer.from(JSON.stringify(statement)), type: IN_TOTO_PAYLOAD_TYPE });
  return bundleToJSON(bundle);
}
