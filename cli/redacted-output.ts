import { redact } from '../common/redact.ts';

/**
 * Routes every byte this process prints through `redact`, whoever prints it: the harness's
 * own lines are redacted already, but vitest's reporter, k6's relayed output and any library
 * warning print directly, and a target's echo may reach them.
 */
export function redactProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = (chunk: string | Uint8Array, ...rest: never[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return original(redact(text), ...rest);
    };
  }
}
