import type { FisClient } from '@aws-sdk/client-fis';

/**
 * The FIS client served here (3.523.0) predates `StartExperiment`'s `experimentOptions`: its
 * serializer sends only `clientToken`, `experimentTemplateId` and `tags`, so a `skip-all` dry
 * run would silently run the faults for real. This build-step middleware copies
 * `experimentOptions` from the command's input into the JSON body the serializer produced,
 * before the request is signed, so the signature covers it.
 */
export const EXPERIMENT_OPTIONS_MIDDLEWARE = 'hasivuStartExperimentOptions';

interface JsonRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

function isJsonRequest(request: unknown): request is JsonRequest {
  if (request === null || typeof request !== 'object') return false;
  const candidate = request as Partial<JsonRequest>;
  return (
    typeof candidate.body === 'string' &&
    typeof candidate.method === 'string' &&
    typeof candidate.path === 'string' &&
    candidate.headers !== null &&
    typeof candidate.headers === 'object'
  );
}

function experimentOptionsOf(input: unknown): Record<string, unknown> | undefined {
  if (input === null || typeof input !== 'object' || !('experimentOptions' in input)) return undefined;
  const options = input.experimentOptions;
  return options !== null && typeof options === 'object' ? { ...options } : undefined;
}

/** Adds the body field to an already serialized StartExperiment request. Exported for tests. */
export function addExperimentOptions(request: unknown, input: unknown): void {
  const options = experimentOptionsOf(input);
  if (!options || !isJsonRequest(request)) return;
  if (request.method !== 'POST' || !request.path.endsWith('/experiments')) return;
  const body = JSON.parse(request.body) as Record<string, unknown>;
  // A newer serializer that already sends the field wins: never overwrite what it wrote.
  if (body.experimentOptions === undefined) body.experimentOptions = options;
  request.body = JSON.stringify(body);
  const lengthHeader = Object.keys(request.headers).find((h) => h.toLowerCase() === 'content-length');
  if (lengthHeader) request.headers[lengthHeader] = String(Buffer.byteLength(request.body));
}

export function installExperimentOptionsMiddleware(client: FisClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'StartExperimentCommand') addExperimentOptions(args.request, args.input);
      return next(args);
    },
    // `high` in the build step: before content-length is computed and before signing (finalize).
    { step: 'build', priority: 'high', name: EXPERIMENT_OPTIONS_MIDDLEWARE, override: true },
  );
}
