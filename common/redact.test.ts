import { expect, test } from 'vitest';
import { preview, redact, redactValue, registerSecret } from './redact.ts';

/** Every run of 6 characters of `secret` found in `text`: what must never appear in output. */
function fragmentsIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i += 1)
    if (text.includes(secret.slice(i, i + 6))) found.push(secret.slice(i, i + 6));
  return found;
}

test('registered secrets, bearer tokens and JWTs are masked', () => {
  registerSecret('s3cret-value-123');
  registerSecret('abc'); // too short to mask safely: would mangle ordinary text
  expect(redact('password s3cret-value-123 in abc')).toBe('password *** in abc');
  expect(redact('Authorization: Bearer xyz.123-456')).toBe('Authorization: Bearer ***');
  expect(redact('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end')).toBe('token ***jwt*** end');
  expect(redactValue({ nested: ['s3cret-value-123'] })).toEqual({ nested: ['***'] });
});

test('a part of a secret of 6 characters or more is masked, wherever the text was cut or split', () => {
  const secret = 'Qz7-kW2pX9-vT4mR';
  registerSecret(secret);
  const echoes = [
    `cut by the target: ${secret.slice(0, 11)}`,
    `cut at the start: ${secret.slice(5)}!`,
    `split: ${secret.slice(0, 8)} and later ${secret.slice(8)} end`,
  ];
  for (const echo of echoes) {
    const masked = redact(echo);
    expect(masked).toContain('***');
    expect(fragmentsIn(masked, secret)).toEqual([]);
  }
  // Ordinary text around a mask survives.
  expect(redact(`a ${secret.slice(0, 7)} b`)).toBe('a *** b');
});

test('URL-encoded, JSON-escaped, HTML-escaped and base64 forms of a secret are masked', () => {
  const secret = 'p@ss "w0rd"/+&x<9>';
  registerSecret(secret);
  const encodings = [
    encodeURIComponent(secret),
    new URLSearchParams({ pw: secret }).toString(),
    JSON.stringify({ pw: secret }),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    ...['', 'a', 'ab'].map((prefix) => Buffer.from(`${prefix}user:${secret}`).toString('base64')),
    Buffer.from(`x${secret}`).toString('base64url'),
  ];
  for (const encoded of encodings) {
    const masked = redact(`echo ${encoded} end`);
    expect(masked, encoded).toContain('***');
    expect(masked.includes(encoded), encoded).toBe(false);
  }
});

test('a preview redacts before it cuts, so the cut cannot keep part of a secret', () => {
  const secret = 'Lm4-Hb8cYq1-ZsE6';
  registerSecret(secret);
  const body = `${'x'.repeat(70)}${secret} trailing`;
  const shown = preview(body, 80);
  expect(fragmentsIn(shown, secret)).toEqual([]);
  expect(shown.startsWith('x'.repeat(70))).toBe(true);
  expect(preview('short\n\n  text', 80)).toBe('short text');
  expect(preview('abcdef', 3)).toBe('abc…');
});
