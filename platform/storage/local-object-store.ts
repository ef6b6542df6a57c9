import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { ObjectStore } from './object-store.ts';

/** Object storage on the local file system, used when no S3 endpoint is configured. */
export function localObjectStore(root: string): ObjectStore {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    const path = resolve(base, key);
    // A key is a name inside the store, never a way out of it.
    if (!path.startsWith(base + sep)) throw new Error(`object key ${JSON.stringify(key)} leaves the store`);
    return path;
  };
  return {
    description: `local file system object store at ${base} (no S3 endpoint configured)`,
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
