import { createServer } from 'node:http';
import { forwardRequest } from './forward-request.ts';
import { listenOnLoopback } from '../../common/loopback-server.ts';

export interface FlakyAwsProxy extends AsyncDisposable {
  url: string;
  /** Requests that matched, and how many of them were answered 500. */
  matched: number;
  failed: number;
}

/**
 * A loopback proxy in front of the platform's AWS endpoints that answers the first `failures`
 * requests matching `matches` with a 500 `ServiceException`, as AWS does on a bad moment, and
 * forwards everything else: a transient fault for the SDK's retries to get through.
 */
export async function startFlakyAwsProxy(
  upstream: string,
  matches: (method: string, path: string) => boolean,
  failures: number,
): Promise<FlakyAwsProxy> {
  const target = new URL(upstream);
  const state = { matched: 0, failed: 0 };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (matches(req.method ?? 'GET', path)) {
      state.matched += 1;
      if (state.failed < failures) {
        state.failed += 1;
        req.resume();
        res
          .writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' })
          .end('{"__type":"ServiceException","message":"transient failure injected by the test proxy"}');
        return;
      }
    }
    forwardRequest(target, path, req, res);
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    url: origin,
    get matched() {
      return state.matched;
    },
    get failed() {
      return state.failed;
    },
    [Symbol.asyncDispose]: close,
  };
}
