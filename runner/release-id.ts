import { z } from 'zod';
import { httpRequest } from '../common/http-request.ts';

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
    // The core's rule, the smoke checks' too: a redirect is an answer, never followed, so a
    // target that points elsewhere cannot make the evidence name another server's release.
    const answer = await httpRequest({
      method: 'GET',
      url: new URL('health', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`),
      headers: { accept: 'application/health+json, application/json' },
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    if (answer.status !== 200) return {};
    const parsed = ReleaseSchema.safeParse(JSON.parse(answer.text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
