import { readFile } from 'node:fs/promises';
import { formatPath } from '../../common/zod-problems.ts';
import { checkReferences } from './check-references.ts';
import { drillError } from './drill-error.ts';
import { DrillSchema, type Drill } from './drill-schema.ts';

/** Validates drill data from any source; `source` names it in the error (a file path or a drill name). */
export function parseDrill(data: unknown, source: string): Drill {
  const parsed = DrillSchema.safeParse(data);
  if (!parsed.success) {
    throw drillError(
      source,
      parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`),
    );
  }
  const problems = checkReferences(parsed.data);
  if (problems.length > 0) throw drillError(source, problems);
  return parsed.data;
}

/** Reads a drill file (JSON). A missing or unparsable file is the same clear error as a bad shape. */
export async function loadDrillFile(path: string): Promise<Drill> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw drillError(path, [
      `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check --drill-file`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw drillError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseDrill(data, path);
}
