import { isAbsolute, relative } from 'node:path';

/**
 * A path as results, logs and CI artifacts show it: relative to the working directory when it
 * lies inside it, else as given, never a trail of `../`.
 */
export function displayPath(path: string, cwd = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
