import { z } from 'zod';

/** Long enough for a cold Lambda behind API Gateway, short enough not to hold up a dead target's verdict. */
const PROBE_TIMEOUT_MS = 5_000;
const ReleaseSchema = z.looseObject({ releaseId: z.string().min(1).max(200) });

/**
 * The release the target says it runs (`releaseId` of /health), so every result records
 * what it judged. Undefined when the target does not say or does not answer: the suites
 * then report the failure; this probe only labels evidence.
 */
export async function probeReleaseId(baseUrl: string): Promise<string | undefined> {
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
    if (response.status !== 200) return undefined;
    const parsed = ReleaseSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.releaseId : undefined;
  } catch {
    return undefined;
  }
}
