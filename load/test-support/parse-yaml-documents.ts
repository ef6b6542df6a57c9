import { parseAllDocuments } from 'yaml';

/** Reads every document of a YAML stream with a real parser, failing on any syntax error. */
export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${JSON.stringify(doc.errors)}`);
    return doc.toJS() as unknown;
  });
}
