import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIS_SERVICE_ACTION_IDS, LOCAL_SERVICES } from '../common/aws-shapes/fis.ts';
import type { StartedService, StartedServices } from '../fixtures/services/started-services.ts';
import type { WatchedPlatform } from '../fixtures/services/service-control/service-control-vocabulary.ts';
import {
  CONTROL_TOKEN_HEADER,
  startServiceControlServer,
  type ServiceControlServer,
} from '../fixtures/services/service-control/service-control-server.ts';

// The service control endpoint over stand-ins for the servers: what is checked is which
// server each route stops or starts, named in the FIS vocabulary.
const calls: string[] = [];
const service = (name: string): StartedService => ({
  url: `${name}://127.0.0.1:1`,
  stop: () => {
    calls.push(`${name} stop`);
    return Promise.resolve();
  },
  start: () => {
    calls.push(`${name} start`);
    return Promise.resolve();
  },
});
const services = {
  provider: 'native',
  postgres: service('postgres'),
  redis: service('redis'),
} as unknown as StartedServices;
const platform: WatchedPlatform = { pid: 1, exited: () => undefined };

let server: ServiceControlServer;
beforeAll(async () => {
  server = await startServiceControlServer(services, platform);
});
afterAll(async () => {
  await server?.close();
});

const post = async (path: string, token = server.token): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { [CONTROL_TOKEN_HEADER]: token },
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, text: await response.text() };
};

describe('the service control endpoint speaks the FIS vocabulary', () => {
  test('the services it controls are the ones the FIS service actions name', () => {
    expect([...LOCAL_SERVICES]).toEqual(['postgres', 'redis']);
    expect(FIS_SERVICE_ACTION_IDS).toEqual([
      'aws:rds:reboot-db-instances',
      'aws:elasticache:replicationgroup-interrupt-az-power',
    ]);
  });

  test('stops and starts by service name and by FIS action, once each (idempotent)', async () => {
    calls.length = 0;
    expect((await post('/postgres/stop')).status).toBe(204);
    expect((await post('/fis/aws:rds:reboot-db-instances/stop')).status).toBe(204);
    expect((await post('/fis/aws:rds:reboot-db-instances/start')).status).toBe(204);
    expect((await post('/fis/aws:elasticache:replicationgroup-interrupt-az-power/stop')).status).toBe(204);
    expect((await post('/redis/start')).status).toBe(204);
    expect(calls).toEqual(['postgres stop', 'postgres start', 'redis stop', 'redis start']);
  });

  test('an unknown route lists the vocabulary; a wrong token is 401', async () => {
    const unknown = await post('/fis/aws:ec2:stop-instances/stop');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('aws:rds:reboot-db-instances');
    expect((await post('/postgres/stop', 'wrong')).status).toBe(401);
  });
});
