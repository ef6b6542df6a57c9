import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from './harness-error.ts';

/**
 * Proves a directory can take files, by creating it and writing and removing a probe file,
 * before anything slow starts: finding out after the services and the first suite would waste
 * the run. `setBy` names where the path came from, for the fix.
 */
export async function assertWritableDir(dir: string, setBy: string): Promise<void> {
  const probe = join(dir, `.write-probe-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const why: Record<string, string> = {
      EEXIST: 'a file is in the way',
      ENOTDIR: 'part of the path is a file',
      EACCES: 'permission denied',
      EPERM: 'the file system refuses (immutable?)',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left',
    };
    throw new HarnessError(
      'REPORTS_DIR_UNWRITABLE',
      `${dir} cannot be written (${why[code] ?? code}); point ${setBy} at a writable directory`,
    );
  }
}
