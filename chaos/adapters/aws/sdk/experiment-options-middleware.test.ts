import { FisClient, StartExperimentCommand } from '@aws-sdk/client-fis';
import { describe, expect, it } from 'vitest';
import { installExperimentOptionsMiddleware } from './experiment-options-middleware.ts';
import { fisApi } from './fis-api.ts';
import { FAKE_CREDENTIALS, forbidNetwork } from '../test-support/no-network.ts';

forbidNetwork();

interface CapturedRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * A request handler that records the signed HTTP request the client would send and answers
 * with a StartExperiment response: the real serializer, middleware stack and signer run, and
 * no socket is opened.
 */
function capturingClient(withMiddleware: boolean) {
  const sent: CapturedRequest[] = [];
  const responseBody = JSON.stringify({
    experiment: {
      id: 'EXPaBAVQ1XpVq8Bh1V',
      experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
      state: { status: 'initiating' },
    },
  });
  const client = new FisClient({
    region: 'ap-south-1',
    credentials: FAKE_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: (request: CapturedRequest) => {
        sent.push({ ...request, headers: { ...request.headers } });
        return Promise.resolve({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: new TextEncoder().encode(responseBody),
          },
        });
      },
    },
  });
  if (withMiddleware) installExperimentOptionsMiddleware(client);
  return { client, sent };
}

describe('StartExperiment experimentOptions', () => {
  it('is dropped by the 3.523.0 serializer on its own (the reason the middleware exists)', async () => {
    const { client, sent } = capturingClient(false);
    await client.send(
      new StartExperimentCommand({
        experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
        clientToken: 'token-1',
      }),
    );
    expect(JSON.parse(sent[0]?.body ?? '{}')).not.toHaveProperty('experimentOptions');
  });

  it('reaches the signed HTTP body as actionsMode skip-all, with a matching content length', async () => {
    const { client, sent } = capturingClient(true);
    const output = await fisApi(client).startExperiment({
      experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
      clientToken: 'token-2',
      experimentOptions: { actionsMode: 'skip-all' },
    });
    expect(output.experiment?.id).toBe('EXPaBAVQ1XpVq8Bh1V');
    const request = sent[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/experiments');
    const body = JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
    expect(body).toEqual({
      clientToken: 'token-2',
      experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
      experimentOptions: { actionsMode: 'skip-all' },
    });
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(request?.body ?? '')));
    // Signed after the body changed: the SigV4 payload hash covers experimentOptions.
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('leaves a StartExperiment without options untouched', async () => {
    const { client, sent } = capturingClient(true);
    await fisApi(client).startExperiment({
      experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
      clientToken: 'token-3',
    });
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      clientToken: 'token-3',
      experimentTemplateId: 'EXT6oWVA1WrLNy4XS',
    });
  });
});
