import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseLoadPlan } from '../catalog/load-plan.ts';
import { parseLoadArgs } from '../load-args.ts';
import { resolveLoad } from '../resolve-load-plan.ts';
import { parseYamlDocuments as parse } from '../test-support/parse-yaml-documents.ts';
import { defaultParallelism, operatorManifests } from './k6-operator-manifest.ts';
import { toYamlDocuments } from './yaml-documents.ts';

/** The fields of k6-operator's TestRun (k6.io/v1alpha1) and a ConfigMap that we rely on. */
const EnvVar = z.union([
  z.object({ name: z.string(), value: z.string() }).strict(),
  z
    .object({
      name: z.string(),
      valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }).strict() }).strict(),
    })
    .strict(),
]);
const Name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
const TestRunSchema = z
  .object({
    apiVersion: z.literal('k6.io/v1alpha1'),
    kind: z.literal('TestRun'),
    metadata: z.object({ name: Name, labels: z.record(z.string(), z.string()) }),
    spec: z
      .object({
        parallelism: z.number().int().positive(),
        script: z.object({ configMap: z.object({ name: Name, file: z.string() }).strict() }).strict(),
        arguments: z.string(),
        separate: z.boolean(),
        cleanup: z.literal('post'),
        runner: z
          .object({
            image: z.string().min(1),
            env: z.array(EnvVar),
            resources: z.object({
              requests: z.record(z.string(), z.string()),
              limits: z.record(z.string(), z.string()),
            }),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();
const ConfigMapSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('ConfigMap'),
    metadata: z.object({ name: Name, labels: z.record(z.string(), z.string()) }),
    data: z.record(z.string(), z.string()),
  })
  .strict();

const load = resolveLoad(
  resolveProfile({ name: 'staging', env: { HARNESS_BASE_URL: 'https://staging.example' } }).profile,
  parseLoadArgs(['--profile', 'nightly']),
);
const input = {
  plan: load.plan,
  baseUrl: 'https://staging.example',
  email: 'parent@demo.hasivu.test',
  scriptName: 'soak.js',
  script: '// bundle\nexport default function () {}\n',
  sourceMap: '{"version":3}',
  parallelism: 3,
  image: 'grafana/k6:2.2.0',
  credentialsSecret: 'hasivu-load-credentials',
};

describe('the k6-operator manifest', () => {
  const { configMap, testRun } = operatorManifests(input);

  test('is a valid TestRun and ConfigMap', () => {
    TestRunSchema.parse(testRun);
    ConfigMapSchema.parse(configMap);
  });

  test('points the TestRun at the bundle in the ConfigMap', () => {
    expect(testRun.spec.script.configMap).toEqual({
      name: configMap.metadata.name,
      file: 'soak.js',
    });
    expect(configMap.data).toEqual({ 'soak.js': input.script, 'soak.js.map': input.sourceMap });
    expect(testRun.metadata.name).toBe('hasivu-load-soak-nightly');
  });

  test('carries parallelism, the runner image and the same plan the local run uses', () => {
    expect(testRun.spec.parallelism).toBe(3);
    expect(testRun.spec.runner.image).toBe('grafana/k6:2.2.0');
    const plan = testRun.spec.runner.env.find((e) => e.name === 'HASIVU_LOAD_PLAN');
    expect(plan && 'value' in plan ? parseLoadPlan(plan.value, 'soak') : undefined).toEqual(load.plan);
    expect(testRun.spec.arguments).toContain('--no-usage-report');
  });

  test('takes the password from a Kubernetes Secret, never as a value', () => {
    const password = testRun.spec.runner.env.find((e) => e.name === 'HARNESS_USER_PASSWORD');
    expect(password).toEqual({
      name: 'HARNESS_USER_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'hasivu-load-credentials', key: 'password' } },
    });
  });

  test('parallelism defaults to one runner per 200 iterations/s', () => {
    expect([defaultParallelism(10), defaultParallelism(200), defaultParallelism(201)]).toEqual([1, 1, 2]);
  });

  test('the YAML file holds both documents, readable by a YAML parser', () => {
    const [cm, tr] = parse(toYamlDocuments([configMap, testRun]));
    expect(ConfigMapSchema.parse(cm)).toEqual(configMap);
    expect(TestRunSchema.parse(tr)).toEqual(testRun);
  });
});
