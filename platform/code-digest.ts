import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/** Source files that make up the deployed platform: its tests and their helpers are not part of the release. */
function isReleaseFile(path: string): boolean {
  return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.split('/').includes('test-support');
}

/**
 * The platform's code digest, like a Lambda version's CodeSha256 (base64 of a SHA-256): one
 * hash over every source file's path and content, in path order, so the same code always
 * gives the same digest and any edit gives another. Read once: the code does not change
 * while the process runs.
 */
export function platformCodeSha256(root: string = import.meta.dirname): string {
  if (cached !== undefined && root === import.meta.dirname) return cached;
  const hash = createHash('sha256');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split('\\').join('/'))
    .filter(isReleaseFile)
    .sort();
  for (const name of files) {
    // Path and length first, so moving bytes from one file to the next changes the digest.
    const content = readFileSync(join(root, name));
    hash.update(`${name}\0${content.length}\0`).update(content);
  }
  const digest = hash.digest('base64');
  if (root === import.meta.dirname) cached = digest;
  return digest;
}
