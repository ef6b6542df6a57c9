import { describe, expect, test } from 'vitest';
import { CONSUMER_NAMES, PROVIDER_NAME, pactFilePath } from './contract-names.ts';
import { readPact } from './pact-file.ts';
import { PLACEHOLDERS, STATES } from './provider-states.ts';

/** The committed pacts are the contract the provider is verified against; keep them honest. */
describe('the committed pact files', () => {
  test.each(CONSUMER_NAMES)('%s is a valid V4 pact against hasivu-platform', async (consumer) => {
    const pact = await readPact(pactFilePath(consumer));
    expect(pact.consumer.name).toBe(consumer);
    expect(pact.provider.name).toBe(PROVIDER_NAME);
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
  });

  test('together they hold at least 12 interactions, with unique descriptions per consumer', async () => {
    const pacts = await Promise.all(CONSUMER_NAMES.map((c) => readPact(pactFilePath(c))));
    expect(pacts.reduce((n, p) => n + p.interactions.length, 0)).toBeGreaterThanOrEqual(12);
    for (const pact of pacts) {
      const descriptions = pact.interactions.map((i) => i.description);
      expect(new Set(descriptions).size).toBe(descriptions.length);
    }
  });

  test('every provider state is one the provider knows how to set up', async () => {
    const known = new Set<string>(Object.values(STATES));
    for (const consumer of CONSUMER_NAMES) {
      for (const interaction of (await readPact(pactFilePath(consumer))).interactions) {
        for (const state of interaction.providerStates)
          expect(known, `${consumer}: ${interaction.description}`).toContain(state.name);
      }
    }
  });

  test('successful answers are matched by type or pattern, not by example value', async () => {
    for (const consumer of CONSUMER_NAMES) {
      for (const interaction of (await readPact(pactFilePath(consumer))).interactions) {
        const response = interaction.response as {
          status: number;
          body?: unknown;
          matchingRules?: { body?: object };
        };
        if (response.status < 300 && response.body !== undefined) {
          expect(
            Object.keys(response.matchingRules?.body ?? {}).length,
            `${consumer}: ${interaction.description}`,
          ).toBeGreaterThan(0);
        }
      }
    }
  });

  test('authenticated requests carry the placeholder token the request filter replaces', async () => {
    for (const consumer of CONSUMER_NAMES) {
      for (const interaction of (await readPact(pactFilePath(consumer))).interactions) {
        const headers = (interaction.request as { headers?: Record<string, string[]> }).headers ?? {};
        const authorization = headers.Authorization?.[0];
        if (authorization && interaction.providerStates.length > 0) {
          expect(authorization, `${consumer}: ${interaction.description}`).toBe(`Bearer ${PLACEHOLDERS.accessToken}`);
        }
      }
    }
  });

  test('the mobile pact pins fewer menu fields than the web pact: each asserts only what it reads', async () => {
    const menuItemRules = async (consumer: string) => {
      const pact = await readPact(pactFilePath(consumer));
      const menu = pact.interactions.find((i) => i.description === "a request for tomorrow's menu");
      const body = (menu?.response as { body?: { content?: { items?: Record<string, unknown>[] } } }).body;
      return Object.keys(body?.content?.items?.[0] ?? {}).sort();
    };
    const web = await menuItemRules('hasivu-web');
    const mobile = await menuItemRules('hasivu-mobile');
    expect(web).toEqual(expect.arrayContaining(mobile));
    expect(web).toContain('allergens');
    expect(mobile).not.toContain('allergens');
  });
});
