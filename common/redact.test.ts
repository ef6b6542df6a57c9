import { expect, test } from 'vitest';
import { redact, redactValue, registerSecret } from './redact.ts';

test('registered secrets, bearer tokens and JWTs are masked', () => {
  registerSecret('s3cret-value-123');
  registerSecret('abc'); // too short to mask safely: would mangle ordinary text
  expect(redact('password s3cret-value-123 in abc')).toBe('password *** in abc');
  expect(redact('Authorization: Bearer xyz.123-456')).toBe('Authorization: Bearer ***');
  expect(redact('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end')).toBe('token ***jwt*** end');
  expect(redactValue({ nested: ['s3cret-value-123'] })).toEqual({ nested: ['***'] });
});
