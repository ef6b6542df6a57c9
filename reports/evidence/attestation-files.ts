import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import type { AttestationSigner } from './attestation-signer.ts';
import type { Statement } from './in-toto-statement.ts';
import { signStatement } from './sign-statement.ts';

/** Attestations live beside the results: `<reportsDir>/attestations/`. */
export function attestationsDir(reportsDir: string): string {
  return join(reportsDir, 'attestations');
}

/** What an attestation is about: a stage (`smoke`, ...) or the verdict. */
export type AttestationName = string;

/** A signed attestation: a Sigstore bundle. */
export function signedPath(reportsDir: string, name: AttestationName): string {
  return join(attestationsDir(reportsDir), `${name}.sigstore.json`);
}

/** An unsigned one: the bare in-toto statement, so a reader sees at once that nothing vouches for it. */
export function unsignedPath(reportsDir: string, name: AttestationName): string {
  return join(attestationsDir(reportsDir), `${name}.intoto.json`);
}

/** Writes the statement signed when there is a signer, else unsigned; returns the file written. */
export async function writeAttestation(
  reportsDir: string,
  name: AttestationName,
  statement: Statement,
  signer: AttestationSigner | undefined,
): Promise<{ path: string; content: string }> {
  const path = signer ? signedPath(reportsDir, name) : unsignedPath(reportsDir, name);
  const body = signer ? await signStatement(statement, signer.signer) : statement;
  const content = `${JSON.stringify(body, null, 2)}\n`;
  await writeFileAtomic(path, content);
  // One attestation per name: an older signed one must not outlive an unsigned rewrite, or the reverse.
  await rm(signer ? unsignedPath(reportsDir, name) : signedPath(reportsDir, name), { force: true });
  return { path, content };
}

/** Removes both forms of an attestation: a run that changes the results voids the old verdict. */
export async function removeAttestation(reportsDir: string, name: AttestationName): Promise<void> {
  await rm(signedPath(reportsDir, name), { force: true });
  await rm(unsignedPath(reportsDir, name), { force: true });
}
