import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { waitUntil } from '../activities/wait-until.ts';
import type { OrderSession } from './demo-session.ts';
import { startOrderTraffic } from './order-traffic.ts';

const session: OrderSession = {
  token: 'token',
  body: { studentId: 'student', deliveryDate: '2026-12-08', items: [{ menuItemId: 'item', quantity: 1 }] },
  expectedTotalMinor: 100,
};

describe('order traffic', () => {
  let server: Server;
  let client: ApiClient;
  let created = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        created += 1;
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `order-${created}`, totalMinor: 100 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ApiClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: 5_000,
      maxResponseBytes: 1_000_000,
    });
  });

  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends sooner after setRate: 30 orders at 2 a second would take 15 s', async () => {
    const traffic = startOrderTraffic(client, session, {
      ratePerSecond: 2,
      maxRequests: 60,
      maxDurationMs: 20_000,
      slowMs: 2_000,
      keyPrefix: 'rate',
    });
    try {
      traffic.setRate(200);
      const sent = await waitUntil(
        '30 orders sent',
        () => Promise.resolve(traffic.writes.length >= 30 ? traffic.writes.length : undefined),
        { timeoutMs: 7_000, signal: AbortSignal.timeout(10_000) },
      );
      expect(sent).toBeGreaterThanOrEqual(30);
    } finally {
      await traffic.stop();
    }
    expect(traffic.writes.every((write) => write.outcome === 'acknowledged')).toBe(true);
  });

  it('never goes above the rate ceiling it was started with, and stops at maxRequests', async () => {
    const traffic = startOrderTraffic(client, session, {
      ratePerSecond: 100,
      maxRatePerSecond: 100,
      maxRequests: 20,
      maxDurationMs: 20_000,
      slowMs: 2_000,
      keyPrefix: 'cap',
    });
    traffic.setRate(10_000);
    const startedAt = Date.now();
    await waitUntil('20 orders sent', () => Promise.resolve(traffic.writes.length >= 20 ? true : undefined), {
      timeoutMs: 10_000,
      signal: AbortSignal.timeout(15_000),
    });
    const writes = await traffic.stop();
    expect(writes).toHaveLength(20);
    // 20 arrivals at 100 a second are spread over at least 190 ms; at 10 000 a second they would take 2 ms.
    const last = writes.at(-1)?.sentAt ?? startedAt;
    expect(last - (writes[0]?.sentAt ?? startedAt)).toBeGreaterThanOrEqual(150);
  });
});
