import type { Statement } from './in-toto-statement.ts';

/** The release under test, as attestations name it. */
export interface ReleaseSubject {
  /** Hex SHA-256 of the deployed code (a Lambda version's CodeSha256, decoded). */
  sha256: string;
  /** What the target calls it (releaseId, or function:version on AWS). */
  name: string;
  /** The git commit it was built from, when known: a second subject. */
  commit?: string;
}

export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Lambda reports CodeSha256 in base64; in-toto digest sets use lowercase hex. Accepts either
 * (and `sha256:<hex>`), so a person can paste what the console or `sha256sum` shows.
 */
export function normalizeSha256(value: string): string | undefined {
  const trimmed = value.trim().replace(/^sha256:/, '');
  if (SHA256_HEX_PATTERN.test(trimmed.toLowerCase())) return trimmed.toLowerCase();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

export function releaseSubjects(release: ReleaseSubject): Statement['subject'] {
  return [
    { name: release.name, digest: { sha256: release.sha256 } },
    ...(release.commit ? [{ name: 'commit', digest: { gitCommit: release.commit } }] : []),
  ];
}

/** The release digest an attestation is about: its first subject with a sha256. */
export function subjectDigest(subjects: Statement['subject']): string | undefined {
  return subjects.find((s) => s.digest.sha256)?.digest.sha256;
}
