import { stringify } from 'yaml';

/**
 * Several documents in one file, for `kubectl apply -f`. Multi-line text is written as a
 * block literal, never folded, so a bundled script stays readable in its ConfigMap.
 */
export function toYamlDocuments(documents: readonly unknown[]): string {
  return documents.map((d) => `---\n${stringify(d, { blockQuote: 'literal', lineWidth: 0 })}`).join('');
}
