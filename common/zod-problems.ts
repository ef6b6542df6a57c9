import type { z } from 'zod';
import { preview } from './redact.ts';

/** `['body', 'items', 0, 'priceMinor']` → `body.items[0].priceMinor`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `${out}.${name}` : name) : `${out}[${JSON.stringify(name)}]`;
  }, '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}

/** A value as a person reads it in a message: short, quoted when it is a string, redacted. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return preview(JSON.stringify(value), 40);
}

const KIND: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
  date: 'a date',
  bigint: 'an integer',
};

function describeIssue(issue: z.core.$ZodIssue, at: { found: boolean; value: unknown }): string {
  const got = `got ${shown(at.value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return at.found
        ? `expected ${KIND[issue.expected] ?? issue.expected}, ${got}`
        : `missing; expected ${KIND[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, ${got}`;
    case 'invalid_format':
      return `expected a valid ${issue.format}, ${got}`;
    case 'unrecognized_keys':
      return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      return `${issue.message.replace(/^Too (small|big): /, '').replace(/^Invalid input: /, '')}, ${got}`;
    default:
      return `${issue.message.replace(/^Invalid input: /, '')}, ${got}`;
  }
}

/**
 * One readable line per schema problem, naming where it is and what was there:
 * `body.items[0].priceMinor: expected an integer, got "4500"`. Values are redacted and short.
 */
export function zodProblems(error: z.ZodError, input: unknown, root = ''): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    const label =
      root && where ? (where.startsWith('[') ? `${root}${where}` : `${root}.${where}`) : root || where || '(root)';
    return `${label}: ${describeIssue(issue, valueAt(input, issue.path))}`;
  });
}
