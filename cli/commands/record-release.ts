import { RELEASE_ID_ENV } from '../../reports/provenance.ts';
import { REPORTED_CODE_SHA256_ENV } from '../../runner/release-digest.ts';
import { probeRelease } from '../../runner/release-id.ts';
import { logLine } from '../console-log.ts';

/**
 * Records the target's releaseId (from /health) for every result this process and its children
 * write, and its codeSha256, which attestations name as their subject.
 */
export async function recordRelease(baseUrl: string): Promise<void> {
  if (!baseUrl) return;
  const { releaseId, codeSha256 } = await probeRelease(baseUrl);
  if (releaseId) process.env[RELEASE_ID_ENV] = releaseId;
  if (codeSha256) process.env[REPORTED_CODE_SHA256_ENV] = codeSha256;
  logLine(`release: ${releaseId ?? 'unknown (the target did not name one in /health)'}`);
}
