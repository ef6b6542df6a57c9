import { describe } from 'vitest';
import { TargetResponseError } from '../../fixtures/api-client/api-response.ts';
import {
  ComprehensiveHealthBodySchema,
  expectedHealthStatusCode,
  HEALTH_ENDPOINTS,
  HEALTH_MEDIA_TYPE,
  HealthBodySchema,
} from '../../fixtures/platform-contract/health.ts';
import { check, recordMeasurement } from '../../reports/vitest/check-meta.ts';
import { median, parseContract, expectRequestId } from '../assertions/contract-assertions.ts';
import { test } from '../fixtures.ts';

/** Latency is judged on the median of a few calls, so one cold start does not decide it. */
const LATENCY_SAMPLES = 5;

describe.each(HEALTH_ENDPOINTS)('health $path', ({ name, path }) => {
  const schema = name === 'comprehensive' ? ComprehensiveHealthBodySchema : HealthBodySchema;

  test(
    `${path} answers per contract`,
    check(`smoke.health.${name}.contract`, 'health', 'critical', ['smoke', 'health', 'critical']),
    async ({ client }) => {
      const response = await client.get(path);
      expectRequestId(response);
      const mediaType = response.headers['content-type']?.split(';')[0]?.trim();
      if (mediaType !== HEALTH_MEDIA_TYPE && mediaType !== 'application/json') {
        throw new TargetResponseError(
          `${path} content-type is ${mediaType ?? 'missing'}, expected ${HEALTH_MEDIA_TYPE}`,
        );
      }
      const body = parseContract(schema, response);
      const expected = expectedHealthStatusCode(body.status);
      if (response.status !== expected) {
        throw new TargetResponseError(
          `${path} says status "${body.status}" but answered HTTP ${response.status}; it must answer ${expected}`,
        );
      }
    },
  );

  test(
    `${path} reports every check passing`,
    check(`smoke.health.${name}.pass`, 'health', 'critical', ['smoke', 'health', 'critical']),
    async ({ client }) => {
      const response = await client.get(path);
      const body = parseContract(schema, response);
      const failing = Object.entries(body.checks ?? {}).flatMap(([checkName, results]) =>
        results
          .filter((r) => r.status !== 'pass')
          .map((r) => `${checkName}=${r.status}${r.output ? ` (${r.output})` : ''}`),
      );
      if (body.status !== 'pass' || failing.length > 0) {
        throw new TargetResponseError(
          `${path} status is "${body.status}"${failing.length ? `; not passing: ${failing.join(', ')}` : ''}` +
            (body.description ? `; the target says: ${body.description}` : ''),
        );
      }
    },
  );

  test(
    `${path} answers within the health latency target`,
    check(`smoke.health.${name}.latency`, 'health', 'major', ['smoke', 'health']),
    async ({ client, environment, task }) => {
      const limit = environment.profile.sla.healthLatencyMs;
      const samples: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
        const response = await client.get(path);
        // The time of a wrong answer says nothing about the time of a right one: a target that
        // answers garbage fast must not pass on speed.
        const body = parseContract(schema, response);
        // A degraded (warn) answer is still an answer: its status is judged by the .pass check.
        if (body.status === 'fail' || response.status !== expectedHealthStatusCode(body.status)) {
          throw new TargetResponseError(
            `${path} answered HTTP ${response.status} with status "${body.status}"; latency is judged on healthy answers only`,
          );
        }
        samples.push(response.durationMs);
      }
      const observed = median(samples);
      recordMeasurement(task, { value: observed, unit: 'ms', target: `<${limit}` });
      if (observed >= limit) {
        throw new TargetResponseError(
          `${path} median latency ${observed} ms over ${LATENCY_SAMPLES} calls; the target is under ${limit} ms (sla.healthLatencyMs)`,
        );
      }
    },
  );
});
