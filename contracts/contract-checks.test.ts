import { describe, expect, test } from 'vitest';
import { describeMismatch, interactionCheckId, interactionChecks } from './contract-checks.ts';
import type { InteractionResult } from './provider/verifier-output.ts';
import type { VerificationRun } from './provider/verify-provider.ts';

const result = (overrides: Partial<InteractionResult>): InteractionResult => ({
  consumer: 'hasivu-web',
  description: 'a request for a paid order',
  providerStates: ['an order that has been paid exists'],
  result: 'OK',
  pending: false,
  duration: '12ms',
  ...overrides,
});

const run = (results: InteractionResult[], extra: Partial<VerificationRun> = {}): VerificationRun => ({
  output: { result: true, interactionResults: results, output: [] },
  unavailable: {},
  failed: {},
  knownStates: ['a parent with one student exists', 'an order that has been paid exists'],
  ...extra,
});

const evidence = (consumer: string) => [`contracts/pacts/${consumer}-hasivu-platform.json`];

describe('interaction checks', () => {
  test('ids are stable slugs of consumer and description', () => {
    expect(interactionCheckId('hasivu-web', "a request for tomorrow's menu")).toBe(
      'contract.hasivu-web.a-request-for-tomorrow-s-menu',
    );
  });

  test('a verified interaction passes, with its pact as evidence and its duration', () => {
    const [check] = interactionChecks({ run: run([result({})]), planned: [], evidence });
    expect(check).toMatchObject({
      status: 'pass',
      category: 'contract',
      durationMs: 12,
      evidence: evidence('hasivu-web'),
    });
    expect(check?.title).toBe('hasivu-web: a request for a paid order');
  });

  test('an interaction whose state this environment cannot reach is skipped with the reason, even if the verifier says OK', () => {
    const [check] = interactionChecks({
      run: run([result({})], {
        unavailable: { 'an order that has been paid exists': 'needs HARNESS_WEBHOOK_SECRET' },
      }),
      planned: [],
      evidence,
    });
    expect(check?.status).toBe('skip');
    expect(check?.message).toContain('needs HARNESS_WEBHOOK_SECRET');
  });

  test('a failed state setup makes the interaction an error, not a contract failure', () => {
    const [check] = interactionChecks({
      run: run([result({ result: 'Error' })], {
        failed: { 'an order that has been paid exists': 'POST /orders answered 500' },
      }),
      planned: [],
      evidence,
    });
    expect(check).toMatchObject({ status: 'error' });
    expect(check?.message).toContain('POST /orders answered 500');
  });

  test('a state the harness does not know is an error that says where to add it', () => {
    const [check] = interactionChecks({
      run: run([result({ providerStates: ['a school holiday exists'] })]),
      planned: [],
      evidence,
    });
    expect(check?.status).toBe('error');
    expect(check?.message).toMatch(/a school holiday exists.*state-setups\.ts/);
  });

  test('a mismatch names the consumer, the interaction and what differs; a pending pact only warns', () => {
    const mismatch = {
      type: 'mismatches',
      mismatches: [
        {
          type: 'StatusMismatch',
          mismatch: 'expected 200 but was 404',
          expected: 200,
          actual: 404,
        },
        {
          type: 'BodyMismatch',
          path: '$',
          mismatch: 'Actual map is missing the following keys: totalMinor',
          actual: '["id","totalAmount"]',
        },
      ],
    };
    const [failed, pending] = interactionChecks({
      run: run([
        result({ result: 'Error', mismatch }),
        result({ description: 'new thing', result: 'Error', pending: true, mismatch }),
      ]),
      planned: [],
      evidence,
    });
    expect(failed?.status).toBe('fail');
    expect(failed?.message).toBe(
      `hasivu-web's "a request for a paid order" broke: status: expected 200 but was 404; ` +
        'body $: Actual map is missing the following keys: totalMinor (the response has: id, totalAmount)',
    );
    expect(pending?.status).toBe('warn');
  });

  test('planned interactions the verifier never reported are errors carrying the crash', () => {
    const checks = interactionChecks({
      run: {
        output: undefined,
        crash: 'pact core crashed',
        unavailable: {},
        failed: {},
        knownStates: [],
      },
      planned: [
        {
          consumer: 'hasivu-mobile',
          description: 'a liveness probe for the offline banner',
          providerStates: [],
          pactFile: 'x',
        },
      ],
      evidence,
    });
    expect(checks).toMatchObject([
      { id: 'contract.hasivu-mobile.a-liveness-probe-for-the-offline-banner', status: 'error' },
    ]);
    expect(checks[0]?.message).toContain('pact core crashed');
  });

  test('describeMismatch falls back to the verifier message for request errors', () => {
    expect(describeMismatch({ type: 'error', message: 'error sending request: connection refused' })).toBe(
      'error sending request: connection refused',
    );
  });
});
