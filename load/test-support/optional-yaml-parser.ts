/**
 * A YAML reader for checking generated manifests, when one is installed (`yaml` comes
 * with the toolchain's dependencies, not ours): tests that need it skip without it.
 */
type YamlModule = {
  parseAllDocuments(text: string): Array<{ toJS(): unknown; errors: unknown[] }>;
};

export async function optionalYamlParser(): Promise<((text: string) => unknown[]) | undefined> {
  const name = 'yaml';
  try {
    const mod = (await import(name)) as YamlModule;
    return (text) =>
      mod.parseAllDocuments(text).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`invalid YAML: ${JSON.stringify(doc.errors)}`);
        return doc.toJS();
      });
  } catch {
    return undefined;
  }
}
