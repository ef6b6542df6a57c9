/**
 * A module of this harness named by path at run time (a worker entry, a child process's
 * script, a handler loaded on demand). The sources are TypeScript, which Node runs directly
 * in a checkout; the published package holds the same tree compiled to JavaScript, because
 * Node strips no types under node_modules. The caller's own extension says which one runs.
 */
export function ownModuleUrl(relativeTsPath: string, callerUrl: string): URL {
  const extension = callerUrl.endsWith('.js') ? '.js' : '.ts';
  return new URL(relativeTsPath.replace(/\.ts$/, extension), callerUrl);
}
