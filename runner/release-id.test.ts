import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { probeRelease } from './release-id.ts';

const probeReleaseId = async (baseUrl: string) => (await probeRelease(baseUrl)).releaseId;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A loopback server answering every request with `answer`; its base URL. */
async function serve(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => answer(res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const health = (releaseId: string) => (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/health+json' }).end(JSON.stringify({ status: 'pass', releaseId }));

describe('the release lookup', () => {
  test("reads the target's own releaseId", async () => {
    expect(await probeReleaseId(await serve(health('v42')))).toBe('v42');
  });

  test.each([301, 302, 307, 308])(
    'follows no %i redirect, to another server or the same one: the evidence names no release',
    async (status) => {
      const other = await serve(health('someone-elses-release'));
      const target = await serve((res) => res.writeHead(status, { location: `${other}/health` }).end());
      expect(await probeReleaseId(target)).toBeUndefined();
    },
  );
});
