/**
 * Secrets known to this process. Anything the harness writes to a report or a log
 * goes through `redact`, so a secret that leaks into an error message or a response
 * body is masked before it reaches disk or the console.
 *
 * Not even a part of a secret may survive: a target may echo a secret cut short, split
 * in two, or encoded (URL, JSON, HTML, base64), and a preview may cut through it. So every
 * registered secret is known in each of those encodings, and any run of FRAGMENT_LENGTH or
 * more characters of any of them is masked wherever it appears. The price is that a
 * secret sharing a 6-character word with ordinary text masks that word too: a safe failure.
 */

/** Values shorter than this are too likely to occur by chance to be masked safely. */
const MIN_SECRET_LENGTH = 6;
/** The shortest part of a secret that is masked on its own. */
const FRAGMENT_LENGTH = 6;
const MASK = '***';

const secrets = new Set<string>();
/** Every FRAGMENT_LENGTH-character window of every encoding of every secret. */
const fragments = new Set<string>();

/**
 * The characters of base64(prefix + secret) that depend on the secret alone, for each of
 * the three byte alignments the secret can have inside a longer encoded text.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Leading characters mix the padding bytes with the secret's first byte.
    const head = offset === 0 ? 0 : offset + 1;
    // The last character mixes the secret's last byte with whatever follows, unless aligned.
    const tail = (offset + bytes.length) % 3 === 0 ? 0 : 1;
    const core = encoded.slice(head, encoded.length - tail);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

const htmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The forms a secret takes on its way through URLs, JSON, HTML/XML reports and base64. */
function secretEncodings(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    htmlEscape(secret),
    ...base64Cores(secret),
  ];
  return [...new Set(forms)].filter((form) => form.length >= FRAGMENT_LENGTH);
}

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  for (const form of secretEncodings(value)) {
    for (let i = 0; i + FRAGMENT_LENGTH <= form.length; i += 1) fragments.add(form.slice(i, i + FRAGMENT_LENGTH));
  }
}

/** Masks every run of text made of secret fragments; overlapping and touching runs become one mask. */
function maskFragments(text: string): string {
  if (fragments.size === 0 || text.length < FRAGMENT_LENGTH) return text;
  let out = '';
  let copiedUpTo = 0;
  let maskedUpTo = -1;
  for (let i = 0; i + FRAGMENT_LENGTH <= text.length; i += 1) {
    if (!fragments.has(text.slice(i, i + FRAGMENT_LENGTH))) continue;
    if (i > maskedUpTo) {
      out += text.slice(copiedUpTo, i) + MASK;
    }
    maskedUpTo = i + FRAGMENT_LENGTH;
    copiedUpTo = maskedUpTo;
  }
  return maskedUpTo < 0 ? text : out + text.slice(copiedUpTo);
}

export function redact(text: string): string {
  let out = maskFragments(text);
  // Bearer tokens and JWTs are secrets even when nobody registered them.
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${MASK}`);
  out = out.replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '***jwt***');
  return out;
}

/**
 * A short excerpt of text for a message: redacted first, then cut, so a cut can never
 * leave part of a secret behind. Whitespace runs become one space.
 */
export function preview(text: string, maxChars: number): string {
  const clean = redact(text).replace(/\s+/g, ' ').trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}

/** Deep-redacts every string in a JSON-like value (keys included). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v)])) as T;
  }
  return value;
}
