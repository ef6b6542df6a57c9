import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { describe, inject, test } from 'vitest';
import { HarnessError } from '../common/harness-error.ts';
import { startPlatform } from './start-platform.ts';
import { call } from './test-support/api-client.ts';

const { databaseUrl, redisUrl } = inject('services');

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

// Independent starts, most of them waiting on a deadline: side by side, each with its own `expect`.
describe.concurrent('startPlatform', () => {
  // The test's own timeout is the "within 10 s" requirement.
  test(
    'fails with DATABASE_UNREACHABLE naming DATABASE_URL, host:port and the fix, within 10 s',
    { timeout: 10_000 },
    async ({ expect }) => {
      const error = await startPlatform({
        databaseUrl: 'postgres://x@127.0.0.1:1/db',
        redisUrl,
        env: {},
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HarnessError);
      expect(error).toMatchObject({ code: 'DATABASE_UNREACHABLE', exitCode: 2 });
      expect((error as Error).message).toMatch(/127\.0\.0\.1:1 \(DATABASE_URL\).*Fix:/);
    },
  );

  test('fails at once with DATABASE_REFUSED when the server answers but refuses, e.g. no such database', async ({
    expect,
  }) => {
    const url = new URL(databaseUrl);
    url.pathname = '/no_such_database';
    const error = await startPlatform({ databaseUrl: url.toString(), redisUrl, env: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DATABASE_REFUSED' });
    expect((error as Error).message).toMatch(/no_such_database.*does not exist/);
  });

  test('fails with REDIS_UNREACHABLE naming REDIS_URL and host:port', async ({ expect }) => {
    const error = await startPlatform({
      databaseUrl,
      redisUrl: 'redis://127.0.0.1:1',
      env: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REDIS_UNREACHABLE' });
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1 \(REDIS_URL\)/);
  });

  test('fails with PORT_IN_USE naming the port and --port / PORT', async ({ expect }) => {
    const { server, port } = await occupiedPort();
    try {
      const error = await startPlatform({ databaseUrl, redisUrl, port, env: {} }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PORT_IN_USE' });
      expect((error as Error).message).toMatch(new RegExp(`Port ${port}.*--port.*PORT`));
    } finally {
      server.close();
    }
  });

  test('names every bad HASIVU_* variable at once', async ({ expect }) => {
    const error = await startPlatform({
      databaseUrl,
      redisUrl,
      env: { HASIVU_DEMO_PARENT_EMAIL: 'not-an-email', HASIVU_JWT_SECRET: 'short' },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_PLATFORM_CONFIG' });
    expect((error as Error).message).toMatch(/HASIVU_DEMO_PARENT_EMAIL[\s\S]*HASIVU_JWT_SECRET/);
  });

  test('two platforms on one database start side by side and use configured credentials', async ({ expect }) => {
    // A parent of its own: changing the shared demo parent's password would break the other files.
    const parent = {
      email: `configured-${randomUUID()}@demo.hasivu.test`,
      password: 'configured-password',
    };
    const env = {
      HASIVU_DEMO_PARENT_EMAIL: parent.email,
      HASIVU_DEMO_PARENT_PASSWORD: parent.password,
      HASIVU_ADMIN_TOKEN: 'admin-token-for-this-test',
    };
    const [a, b] = await Promise.all([
      startPlatform({ databaseUrl, redisUrl, env }),
      startPlatform({ databaseUrl, redisUrl, env }),
    ]);
    try {
      expect(a.adminToken).toBe('admin-token-for-this-test');
      expect(a.port).not.toBe(b.port);
      expect(a.demoParent).toEqual(parent);
      expect((await call(b.url, 'GET', '/health/startup')).status).toBe(200);
      expect((await call(a.url, 'POST', '/auth/login', { body: parent })).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
