import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deadlineAgent, httpRequest, HttpRequestError } from './http-request.ts';
import { listenOnLoopback, type ListeningServer } from './loopback-server.ts';

// One loopback server whose paths each misbehave in one way.
let server: ListeningServer;
const seen: string[] = [];

beforeAll(async () => {
  server = await listenOnLoopback(
    createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/silent') return; // never answers
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere', 'set-cookie': ['a=1', 'b=2'] }).end();
        return;
      }
      if (req.url === '/big') {
        res.end('x'.repeat(4096));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method }));
    }),
  );
});
afterAll(() => server.close());

const at = (path: string) => new URL(path, server.origin);

describe('httpRequest', () => {
  test('answers with status, joined headers, text and a duration', async () => {
    const answer = await httpRequest({
      method: 'POST',
      url: at('/ok'),
      body: '{}',
      timeoutMs: 5_000,
    });
    expect(answer).toMatchObject({ status: 200, text: '{"method":"POST"}' });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('answers a redirect as is and never follows it', async () => {
    const before = seen.length;
    const answer = await httpRequest({ method: 'GET', url: at('/redirect'), timeoutMs: 5_000 });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/elsewhere');
    expect(answer.headers['set-cookie']).toBe('a=1, b=2');
    expect(seen.slice(before)).toEqual(['GET /redirect']);
  });

  test('fails as a timeout when the server stays silent past the deadline', async () => {
    const agent = deadlineAgent(200);
    const error = await httpRequest({
      method: 'GET',
      url: at('/silent'),
      timeoutMs: 200,
      dispatcher: agent,
    }).catch((e: unknown) => e);
    await agent.close();
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  test('cuts off a body over the cap', async () => {
    const error = await httpRequest({
      method: 'GET',
      url: at('/big'),
      timeoutMs: 5_000,
      maxResponseBytes: 1024,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'too-large',
      detail: 'the answer is larger than 1024 bytes',
    });
  });

  test('fails with the transport reason, redacted, when nothing listens', async () => {
    const closed = await listenOnLoopback(createServer());
    await closed.close();
    const url = new URL(closed.origin);
    url.username = 'user';
    url.password = 'hunter2-secret';
    const error = await httpRequest({ method: 'GET', url, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'failed' });
    expect((error as Error).message).not.toContain('hunter2-secret');
  });

  test("rejects with the caller's own abort reason, not as a failure", async () => {
    const controller = new AbortController();
    const reason = new Error('stage ended');
    const pending = httpRequest({
      method: 'GET',
      url: at('/silent'),
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
