import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { redact } from '../../common/redact.ts';
import type { ConvertedRun } from './run-result-to-allure.ts';

/** Evidence bigger than this stays out of the report (a nightly k6 summary is well below it). */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Where an evidence entry is on disk now, or undefined when it is gone. */
export type EvidenceResolver = (evidence: string) => Promise<string | undefined>;

async function regularFileWithinCap(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size <= MAX_ATTACHMENT_BYTES;
  } catch {
    return false;
  }
}

/**
 * Writes converted results into an allure-results directory and copies their evidence
 * beside them. Evidence that cannot be found (or is not a regular file within the cap)
 * is dropped from the result rather than linked to a file that does not exist.
 */
export async function writeAllureResults(dir: string, run: ConvertedRun, resolve: EvidenceResolver): Promise<number> {
  await mkdir(dir, { recursive: true });
  const copied = new Set<string>();
  for (const { evidence, source } of run.attachments) {
    const path = await resolve(evidence);
    if (!path || !(await regularFileWithinCap(path))) continue;
    const bytes = await readFile(path);
    // Evidence is written redacted; text is redacted again on its way into the report, to be sure.
    const text = bytes.includes(0) ? undefined : bytes.toString('utf8');
    await writeFile(join(dir, source), text === undefined ? bytes : redact(text));
    copied.add(source);
  }
  for (const result of run.results) {
    const kept = { ...result, attachments: result.attachments.filter((a) => copied.has(a.source)) };
    await writeFileAtomic(join(dir, `${result.uuid}-result.json`), redact(JSON.stringify(kept)));
  }
  return run.results.length;
}
