/**
 * Secrets known to this process. Anything the harness writes to a report or a log
 * goes through `redact`, so a secret that leaks into an error message or a response
 * body is masked before it reaches disk or the console.
 */
const secrets = new Set<string>();

/** Values shorter than this are too likely to occur by chance to be masked safely. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  // Bearer tokens and JWTs are secrets even when nobody registered them.
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***');
  out = out.replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '***jwt***');
  return out;
}

/** Deep-redacts every string in a JSON-like value. */
export function redactValue<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value))) as T;
}
