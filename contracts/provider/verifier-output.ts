import { z } from 'zod';

/**
 * The JSON the Pact core returns from a verification (pactffi_verifier_json): one
 * entry per interaction with its consumer, description, provider states and result.
 * Parsed leniently: unknown fields are kept, missing optional ones get defaults.
 */
const MismatchSchema = z.looseObject({
  type: z.string(),
  mismatch: z.string().optional(),
  path: z.string().optional(),
  key: z.string().optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
});

const InteractionMismatchSchema = z.looseObject({
  type: z.string(),
  message: z.string().optional(),
  mismatches: z.array(MismatchSchema).optional(),
});

export const InteractionResultSchema = z.looseObject({
  consumer: z.string(),
  description: z.string(),
  providerStates: z.array(z.string()).default([]),
  result: z.string(),
  pending: z.boolean().default(false),
  duration: z.string().optional(),
  mismatch: InteractionMismatchSchema.optional(),
});

export const VerifierOutputSchema = z.looseObject({
  result: z.boolean(),
  interactionResults: z.array(InteractionResultSchema).default([]),
  output: z.array(z.string()).default([]),
});

export type InteractionResult = z.infer<typeof InteractionResultSchema>;
export type InteractionMismatch = z.infer<typeof InteractionMismatchSchema>;
export type VerifierOutput = z.infer<typeof VerifierOutputSchema>;

/** The verifier's JSON, or undefined when the text is something else (a crash message). */
export function parseVerifierOutput(text: string): VerifierOutput | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = VerifierOutputSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** "58ms" → 58; the verifier reports durations as text. */
export function durationMs(duration: string | undefined): number {
  const match = /^([\d.]+)\s*(ms|s)$/.exec(duration ?? '');
  if (!match) return 0;
  const value = Number(match[1]);
  return Math.round(match[2] === 's' ? value * 1000 : value);
}
