import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ERROR_CODES, isErrorCode } from './error-codes.ts';
import { HarnessError } from './harness-error.ts';

const documented = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('the error-code catalogue', () => {
  test('docs/errors.md lists every code with its exit code, and no code the catalogue lacks', () => {
    const rows = [...documented.matchAll(/^\| `([A-Z0-9_]+)` +\| (\d) +\|/gm)].map(([, code, exit]) => [
      code,
      Number(exit),
    ]);
    expect(rows).toEqual(Object.entries(ERROR_CODES).map(([code, entry]) => [code, entry.exitCode]));
  });

  test('a HarnessError takes its exit code from its code', () => {
    expect(new HarnessError('USAGE', 'bad flag').exitCode).toBe(2);
    expect(new HarnessError('DB_BACKUP', 'pg_dump failed').exitCode).toBe(1);
  });

  test('tells a catalogued code from any other string', () => {
    expect(isErrorCode('MISSING_CREDENTIALS')).toBe(true);
    expect(isErrorCode('NO_CREDENTIALS')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
