import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { runResultPath } from '../run-result-files.ts';
import { RunResultSchema, type RunKind } from '../run-result.ts';
import type { Scorecard } from '../scorecard/scorecard.ts';
import type { AttestationSigner } from './attestation-signer.ts';
import { attestationsDir, writeAttestation } from './attestation-files.ts';
import type { ResourceDescriptor } from './in-toto-statement.ts';
import { sha256Hex } from './policy-digest.ts';
import type { ReleaseSubject } from './release-subject.ts';
import { stageStatement } from './stage-attestation.ts';
import { verdictStatement } from './verdict-attestation.ts';

/** Attests the results file a stage just wrote; the path written, or undefined when there is none. */
export async function attestStage(
  reportsDir: string,
  kind: RunKind,
  release: ReleaseSubject,
  signer: AttestationSigner | undefined,
): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(runResultPath(reportsDir, kind));
  } catch {
    return undefined;
  }
  const result = RunResultSchema.parse(JSON.parse(bytes.toString('utf8')));
  return (await writeAttestation(reportsDir, kind, stageStatement(result, bytes, release), signer)).path;
}

/** Every stage attestation in the given reports directories, by digest: the verdict's inputs. */
async function inputAttestations(dirs: readonly string[]): Promise<ResourceDescriptor[]> {
  const inputs: ResourceDescriptor[] = [];
  for (const dir of dirs) {
    const folder = attestationsDir(dir);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.(sigstore|intoto)\.json$/.test(n) && !n.startsWith('verdict.')).sort()) {
      inputs.push({ name: `attestations/${name}`, digest: { sha256: sha256Hex(await readFile(join(folder, name))) } });
    }
  }
  return inputs;
}

/** Writes the verdict as a SLSA VSA into `<reportsDir>/attestations/`; returns its path. */
export async function attestVerdict(
  reportsDir: string,
  scorecard: Scorecard,
  profile: Profile,
  release: ReleaseSubject,
  signer: AttestationSigner | undefined,
  evidenceDirs: readonly string[],
  now: Date = new Date(),
): Promise<string> {
  const inputs = await inputAttestations(evidenceDirs);
  return (
    await writeAttestation(
      reportsDir,
      'verdict',
      verdictStatement(scorecard, profile, release, inputs, signer !== undefined, now),
      signer,
    )
  ).path;
}
