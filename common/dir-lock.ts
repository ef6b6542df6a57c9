import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { registerExitCleanup } from './exit-cleanup.ts';
import { HarnessError } from './harness-error.ts';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

function isAlive(owner: LockOwner): boolean {
  // Another machine's process cannot be checked from here: its lock counts as held.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<dir>/.lock` for one run, so two runs cannot write the same evidence at once: the
 * later one would silently replace the other's results. A lock whose process has ended is
 * taken over. Released on dispose, and on any exit.
 */
export async function lockDirectory(dir: string, command: string, setBy: string): Promise<Disposable> {
  const path = join(dir, '.lock');
  const me: LockOwner = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(path);
      if (owner && isAlive(owner)) {
        throw new HarnessError(
          'REPORTS_DIR_LOCKED',
          `${dir} is in use by "${owner.command}" (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}); wait for it to finish, or point ${setBy} at another directory`,
        );
      }
      // The owner has ended without releasing it (killed): the lock is stale.
      await rm(path, { force: true });
      if (attempt === 1)
        throw new HarnessError('REPORTS_DIR_LOCKED', `${dir} could not be locked; another run took it just now`);
    }
  }
  const release = (): void => {
    try {
      const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
      if (owner.pid === me.pid && owner.startedAt === me.startedAt) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  };
  const unregister = registerExitCleanup(release);
  return {
    [Symbol.dispose]() {
      unregister();
      release();
    },
  };
}
