import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';
import { zodProblems } from '../common/zod-problems.ts';
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

/** A RunResult the harness wrote is kilobytes; anything this big is not one. */
const MAX_RESULT_BYTES = 16 * 1024 * 1024;
/** Clocks of CI machines drift; evidence from further in the future than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

function corrupt(path: string, kind: RunKind, problem: string): HarnessError {
  return new HarnessError('CORRUPT_RESULT_FILE', `${path} ${problem}; delete it and run the ${kind} suite again`);
}

/**
 * The dates and kind of a result that parsed: evidence from the future would never go stale,
 * and a result under another kind's name would be scored as evidence it is not.
 */
function implausibility(result: RunResult, kind: RunKind, now: Date): string | undefined {
  if (result.kind !== kind) return `holds a ${result.kind} result, not ${kind}`;
  const started = Date.parse(result.startedAt);
  const finished = Date.parse(result.finishedAt);
  if (finished < started) return `finished (${result.finishedAt}) before it started (${result.startedAt})`;
  if (finished > now.getTime() + CLOCK_SKEW_MS) {
    return `is dated in the future (finishedAt ${result.finishedAt}, now ${now.toISOString()}); check the clock of the machine that wrote it`;
  }
  return undefined;
}

/**
 * Reads a result file's text: only from a regular file (a FIFO would hang, a device never
 * ends, a directory cannot be parsed) and at most MAX_RESULT_BYTES. `undefined` when absent.
 */
async function readEvidenceText(path: string, kind: RunKind): Promise<string | undefined> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw corrupt(path, kind, `cannot be read (${code ?? 'unknown error'})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw corrupt(path, kind, `is not a regular file (it is ${fileType(stats)})`);
    if (stats.size > MAX_RESULT_BYTES) {
      throw corrupt(path, kind, `is ${stats.size} bytes, more than a result can be (${MAX_RESULT_BYTES})`);
    }
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_RESULT_BYTES) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_RESULT_BYTES) throw corrupt(path, kind, `grew past ${MAX_RESULT_BYTES} bytes while being read`);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function fileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads a RunResult; `undefined` when the file does not exist, a HarnessError naming the
 * file when it is unreadable, corrupt or implausible.
 */
export async function readRunResult(
  reportsDir: string,
  kind: RunKind,
  now = new Date(),
): Promise<RunResult | undefined> {
  const path = runResultPath(reportsDir, kind);
  const text = await readEvidenceText(path, kind);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt(path, kind, 'is not valid JSON');
  }
  const parsed = RunResultSchema.safeParse(json);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error, json);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw corrupt(path, kind, `does not match the RunResult schema: ${problems[0] ?? ''}${more}`);
  }
  const problem = implausibility(parsed.data, kind, now);
  if (problem) throw corrupt(path, kind, problem);
  return parsed.data;
}
