import { z } from 'zod';

/** Long enough for a cold Lambda behind API Gateway, short enough not to hold up a dead target's verdict. */
const PROBE_TIMEOUT_MS = 5_000;
const ReleaseSchema = z.looseObject({
  releaseId: z.string().min(1).max(200).optional().catch(undefined),
  codeSha256: z.string().min(1).max(200).optional().catch(undefined),
});

/** What the target says it runs: its releaseId and, when it reports one, its code digest. */
export type ReleaseReport = z.infer<typeof ReleaseSchema>;

/**
 * The release the target says it runs (`releaseId` and `codeSha256` of /health), so every
 * result records what it judged and attestations name it. Empty when the target does not say
 * or does not answer: the suites then report the failure; this probe only labels evidence.
 */
export async function probeRelease(baseUrl: string): Promise<ReleaseReport> {
  try {
    const response = await fetch(
      new URL('health', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`),
      {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        headers: { accept: 'application/health+json, application/json' },
        // The smoke checks' rule: a redirect is an answer, never followed, so a target
        // that points elsewhere cannot make the evidence name another server's release.
        redirect: 'manual',
      },
    );
    if (response.status !== 200) return {};
    const parsed = ReleaseSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
