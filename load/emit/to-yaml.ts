/**
 * A small YAML writer for Kubernetes manifests: maps, lists, scalars, and block
 * literals for multi-line text (a bundled script stays readable in a ConfigMap).
 * Single-line strings are written JSON-quoted, which YAML 1.2 reads as the same
 * string, so no value can be mistaken for a number, a boolean or a comment.
 */
export type YamlValue =
  string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : JSON.stringify(name);
}

function blockLiteral(text: string, indent: string): string {
  const trailing = /\n+$/.exec(text)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  // An explicit indentation indicator when the text itself starts with a space.
  const indicator = text.startsWith(' ') ? '2' : '';
  const body = text.slice(0, text.length - trailing);
  const lines = body.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `|${indicator}${chomp}\n${lines.join('\n')}${extra}`;
}

function scalar(value: string | number | boolean | null, indent: string): string {
  if (typeof value === 'string')
    return value.includes('\n') ? blockLiteral(value, indent) : JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`YAML: ${value} is not a finite number`);
  return String(value);
}

function isCollection(value: YamlValue): value is YamlValue[] | { [key: string]: YamlValue } {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: YamlValue[] | { [key: string]: YamlValue }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function lines(value: YamlValue, indent: string): string[] {
  if (!isCollection(value)) return [`${indent}${scalar(value, indent)}`];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isCollection(item) || isEmpty(item))
        return [
          `${indent}- ${isCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item, `${indent}  `)}`,
        ];
      const [first = '', ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  return Object.entries(value).flatMap(([name, child]) => {
    if (!isCollection(child)) return [`${indent}${key(name)}: ${scalar(child, indent)}`];
    if (isEmpty(child)) return [`${indent}${key(name)}: ${Array.isArray(child) ? '[]' : '{}'}`];
    return [`${indent}${key(name)}:`, ...lines(child, `${indent}  `)];
  });
}

export function toYaml(value: YamlValue): string {
  return `${lines(value, '').join('\n')}\n`;
}

/** Several documents in one file, for `kubectl apply -f`. */
export function toYamlDocuments(documents: readonly YamlValue[]): string {
  return documents.map((d) => `---\n${toYaml(d)}`).join('');
}
