import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HarnessError } from '../common/harness-error.ts';

/**
 * The parts of a V4 pact file the harness relies on. Validating them before a
 * verification turns "the verifier said nothing useful" into a message that names
 * the file and the field.
 */
const V4InteractionSchema = z.looseObject({
  type: z.literal('Synchronous/HTTP'),
  description: z.string().min(1),
  providerStates: z.array(z.looseObject({ name: z.string().min(1) })).default([]),
  request: z.looseObject({ method: z.string(), path: z.string().startsWith('/') }),
  response: z.looseObject({ status: z.number().int().min(100).max(599) }),
});

export const V4PactSchema = z.looseObject({
  consumer: z.object({ name: z.string().min(1) }),
  provider: z.object({ name: z.string().min(1) }),
  interactions: z.array(V4InteractionSchema).min(1),
  metadata: z.looseObject({
    pactSpecification: z.object({ version: z.literal('4.0') }),
  }),
});

export type V4Pact = z.infer<typeof V4PactSchema>;

/** One interaction as the report needs it. */
export interface PlannedInteraction {
  consumer: string;
  description: string;
  providerStates: string[];
  pactFile: string;
}

export async function readPact(path: string): Promise<V4Pact> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `is not JSON (${(error as Error).message})`;
    throw new HarnessError(
      'INVALID_PACT',
      `${path} ${reason}; run the consumer tests (npm run test:contract) to generate it`,
    );
  }
  const parsed = V4PactSchema.safeParse(json);
  if (!parsed.success) {
    throw new HarnessError('INVALID_PACT', `${path} is not a V4 pact:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export async function plannedInteractions(pactFiles: readonly string[]): Promise<PlannedInteraction[]> {
  const plans = await Promise.all(
    pactFiles.map(async (pactFile) => {
      const pact = await readPact(pactFile);
      return pact.interactions.map((interaction) => ({
        consumer: pact.consumer.name,
        description: interaction.description,
        providerStates: interaction.providerStates.map((s) => s.name),
        pactFile,
      }));
    }),
  );
  return plans.flat();
}
