import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HistoryPoint } from '../../reports/scorecard/scorecard.ts';

/** How many earlier runs the history strip shows. */
const HISTORY_LENGTH = 10;
const MAX_DEPTH = 3;

const PointSchema = z.looseObject({
  generatedAt: z.iso.datetime(),
  score: z.number().finite(),
  verdict: z.enum(['ready', 'not-ready', 'incomplete']),
});

async function scorecardFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === 'scorecard.json') found.push(path);
    else if (entry.isDirectory() && depth < MAX_DEPTH) found.push(...(await scorecardFiles(path, depth + 1)));
  }
  return found;
}

/**
 * Score and verdict of earlier scorecards under DIR (e.g. downloaded gate artifacts), oldest
 * first, at most the last ten. A file that is not a scorecard is left out, never fatal.
 */
export async function readHistory(dir: string, before: Date): Promise<HistoryPoint[]> {
  const points: HistoryPoint[] = [];
  for (const file of await scorecardFiles(dir, 0)) {
    const parsed = PointSchema.safeParse(
      await readFile(file, 'utf8')
        .then(JSON.parse, () => undefined)
        .catch(() => undefined),
    );
    if (parsed.success && Date.parse(parsed.data.generatedAt) < before.getTime()) {
      points.push({
        generatedAt: parsed.data.generatedAt,
        score: parsed.data.score,
        verdict: parsed.data.verdict,
      });
    }
  }
  return points.sort((a, b) => a.generatedAt.localeCompare(b.generatedAt)).slice(-HISTORY_LENGTH);
}
