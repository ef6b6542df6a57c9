import { expect, test } from 'vitest';
import { hstsMaxAge, isModernTls } from './probe-tls.ts';

test.each([
  ['max-age=31536000; includeSubDomains', 31_536_000],
  ['includeSubDomains; max-age="600"', 600],
  ['max-age=0', 0],
  ['includeSubDomains', undefined],
  [undefined, undefined],
])('HSTS %s has max-age %s', (header, expected) => {
  expect(hstsMaxAge(header)).toBe(expected);
});

test.each([
  ['TLSv1.3', true],
  ['TLSv1.2', true],
  ['TLSv1.1', false],
  ['TLSv1', false],
  [null, false],
])('%s is modern: %s', (protocol, expected) => {
  expect(isModernTls(protocol)).toBe(expected);
});
