import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';

/**
 * Puts a fresh pact in place of the committed one, atomically (writeFileAtomic: a temp
 * name beside it, then renamed), so a reader never sees half a pact. A pact that cannot be replaced
 * (immutable, a read-only directory, a directory in its place) is the user's to fix: one
 * line naming the file and the fix, and no temp file left beside it.
 */
export async function replacePact(fresh: string, target: string): Promise<void> {
  try {
    await writeFileAtomic(target, await readFile(fresh, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new HarnessError(
      'PACT_NOT_REPLACEABLE',
      `${target} cannot be replaced with the fresh pact (${code}): make it and its directory writable (chmod u+w; chattr -i if it is immutable; a directory in its place must go), then run the contract stage again`,
    );
  }
}
