import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import type { RunResult } from '../../reports/run-result.ts';
import { drillRecords } from './drill-records.ts';
import { RunRecordSchema, recordFileName, type RunRecord } from './run-record.ts';

const MAX_DEPTH = 3;

async function jsonFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.json')) found.push(path);
    else if (entry.isDirectory() && depth < MAX_DEPTH) found.push(...(await jsonFiles(path, depth + 1)));
  }
  return found;
}

export interface RunHistory {
  records: RunRecord[];
  /** JSON files that are not run records (scorecards share the directory): left out, never fatal. */
  ignored: number;
}

/**
 * Every run record under DIR (nested up to three levels, as downloaded artifacts or a restored
 * CI cache lay them out), oldest first. A missing directory is an empty history.
 */
export async function readRunHistory(dir: string): Promise<RunHistory> {
  const records: RunRecord[] = [];
  let ignored = 0;
  for (const file of await jsonFiles(dir, 0)) {
    const raw: unknown = await readFile(file, 'utf8')
      .then(JSON.parse)
      .catch(() => undefined);
    const parsed = RunRecordSchema.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else if (!(raw && typeof raw === 'object' && 'score' in raw)) ignored += 1;
  }
  records.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { records, ignored };
}

/** Adds one run to the history: one small file per run, so concurrent writers never clash. */
export async function appendRunRecord(dir: string, record: RunRecord): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, recordFileName(record));
  await writeFileAtomic(path, `${JSON.stringify(record)}\n`);
  return path;
}

/** The drills of these results (chaos only) as history records, each under its own stable name. */
export async function keepDrillRecords(dir: string, results: readonly RunResult[]): Promise<void> {
  for (const record of results.flatMap(drillRecords)) await appendRunRecord(dir, record);
}
