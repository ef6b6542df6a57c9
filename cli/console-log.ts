import { redact } from '../common/redact.ts';

/** Progress to stderr, so stdout carries only results (the scorecard table). Always redacted. */
export function logLine(line: string): void {
  process.stderr.write(`${redact(line)}\n`);
}

export function printResult(text: string): void {
  process.stdout.write(redact(text));
}

/** Plain lines in CI and when piped; a little decoration only on an interactive terminal. */
export function stageLine(symbol: 'start' | 'pass' | 'fail' | 'skip', text: string): void {
  const plain = process.env.CI === 'true' || !process.stderr.isTTY;
  const marks = plain
    ? { start: '==>', pass: '[pass]', fail: '[FAIL]', skip: '[skip]' }
    : { start: '▶', pass: '✔', fail: '✖', skip: '–' };
  logLine(`${marks[symbol]} ${text}`);
}
