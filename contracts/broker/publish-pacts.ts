import { readFile } from 'node:fs/promises';
import { brokerRequest, type BrokerAuth } from './broker-http.ts';

export interface PublishRequest {
  pactFiles: string[];
  consumerVersion: string;
  consumerBranch?: string;
  buildUrl?: string;
}

/**
 * Publishes each consumer's pact with the broker's all-in-one endpoint
 * (POST /contracts/publish, Pact Broker ≥ 2.86): one request per consumer, carrying
 * its version and branch, so the broker can select pacts by branch and deployment.
 */
export async function publishPacts(broker: BrokerAuth, request: PublishRequest): Promise<string[]> {
  const published: string[] = [];
  for (const file of request.pactFiles) {
    const content = await readFile(file, 'utf8');
    const pact = JSON.parse(content) as { consumer: { name: string }; provider: { name: string } };
    await brokerRequest(broker, 'POST', '/contracts/publish', {
      pacticipantName: pact.consumer.name,
      pacticipantVersionNumber: request.consumerVersion,
      ...(request.consumerBranch ? { branch: request.consumerBranch } : {}),
      tags: [],
      ...(request.buildUrl ? { buildUrl: request.buildUrl } : {}),
      contracts: [
        {
          consumerName: pact.consumer.name,
          providerName: pact.provider.name,
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(content, 'utf8').toString('base64'),
        },
      ],
    });
    published.push(`${pact.consumer.name} ${request.consumerVersion}`);
  }
  return published;
}
