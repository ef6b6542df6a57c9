import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';
import { currentProvenance } from './provenance.ts';
import { RunResultSchema, type RunKind, type RunResult } from './run-result.ts';

/** Where a runner's result lives: `<reportsDir>/results/<kind>.json`. */
export function runResultPath(reportsDir: string, kind: RunKind): string {
  return join(reportsDir, 'results', `${kind}.json`);
}

/**
 * Validates and writes a RunResult atomically. A runner that produces an invalid
 * result is a harness bug, so this throws a plain Error rather than a HarnessError.
 */
export async function writeRunResult(reportsDir: string, result: RunResult): Promise<string> {
  // Every result says what it judged and where it came from, whoever wrote it.
  const parsed = RunResultSchema.safeParse({ ...result, provenance: result.provenance ?? currentProvenance() });
  if (!parsed.success) {
    throw new Error(`Refusing to write an invalid ${result.kind} result:\n${z.prettifyError(parsed.error)}`);
  }
  const path = runResultPath(reportsDir, result.kind);
  await writeFileAtomic(path, `${JSON.stringify(parsed.data, null, 2)}\n`);
  return path;
}

/** Reads a RunResult; `undefined` when the file does not exist, HarnessError when it is corrupt. */
export async function readRunResult(reportsDir: string, kind: RunKind): Promise<RunResult | undefined> {
  const path = runResultPath(reportsDir, kind);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HarnessError('CORRUPT_RESULT_FILE', `${path} is not valid JSON; delete it and run the ${kind} suite again`);
  }
  const parsed = RunResultSchema.safeParse(json);
  if (!parsed.success) {
    throw new HarnessError(
      'CORRUPT_RESULT_FILE',
      `${path} does not match the RunResult schema; delete it and run the ${kind} suite again:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
