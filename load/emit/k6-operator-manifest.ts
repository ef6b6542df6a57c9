import { PLAN_ENV, type LoadPlan } from '../catalog/load-plan.ts';

/**
 * A k6-operator `TestRun` (k6.io/v1alpha1) and the `ConfigMap` holding the bundle,
 * for runs bigger than one machine: the operator starts `parallelism` k6 pods and
 * splits the arrival rate between them (k6 execution segments). The password is a
 * `secretKeyRef`, never a value: the manifest can be committed or shared.
 */
export interface OperatorInput {
  plan: LoadPlan;
  baseUrl: string;
  email: string;
  /** File name of the bundle inside the ConfigMap, e.g. `sla.js`. */
  scriptName: string;
  script: string;
  /** The source map, mounted beside the script so stack traces point at the TypeScript. */
  sourceMap?: string;
  parallelism: number;
  image: string;
  /** Kubernetes Secret with key `password` for HARNESS_USER_PASSWORD. */
  credentialsSecret: string;
}

/** ConfigMaps hold at most 1 MiB; bigger bundles need a volumeClaim instead. */
export const CONFIGMAP_LIMIT_BYTES = 1_048_576;

/** One runner per this many iterations/s is comfortable for one k6 pod with the default resources. */
export const ITERATIONS_PER_RUNNER = 200;

export function defaultParallelism(peakRate: number): number {
  return Math.max(1, Math.ceil(peakRate / ITERATIONS_PER_RUNNER));
}

export function resourceName(plan: LoadPlan): string {
  return `hasivu-load-${plan.scenario}-${plan.profile}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

// Type aliases, not interfaces, so the manifests stay assignable to YamlValue's index signature.
type Labels = Record<string, string>;
type Metadata = { name: string; labels: Labels };
export type EnvVar =
  { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

export type ConfigMapManifest = {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: Metadata;
  data: Record<string, string>;
};

export type TestRunManifest = {
  apiVersion: 'k6.io/v1alpha1';
  kind: 'TestRun';
  metadata: Metadata;
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments: string;
    separate: boolean;
    cleanup: 'post';
    runner: {
      image: string;
      env: EnvVar[];
      resources: { requests: Record<string, string>; limits: Record<string, string> };
    };
  };
};

export function operatorManifests(input: OperatorInput): {
  configMap: ConfigMapManifest;
  testRun: TestRunManifest;
} {
  const name = resourceName(input.plan);
  const labels = {
    'app.kubernetes.io/part-of': 'hasivu-verify',
    'hasivu.io/scenario': input.plan.scenario,
    'hasivu.io/load-profile': input.plan.profile,
  };
  const data: Record<string, string> = { [input.scriptName]: input.script };
  if (input.sourceMap) data[`${input.scriptName}.map`] = input.sourceMap;
  const configMap: ConfigMapManifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels },
    data,
  };
  const testRun: TestRunManifest = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name, labels },
    spec: {
      parallelism: input.parallelism,
      script: { configMap: { name, file: input.scriptName } },
      // Each runner prints its own summary (no shared file system); aggregate with an --out of your choice.
      arguments: `--no-usage-report --tag testid=${name}`,
      separate: false,
      cleanup: 'post',
      runner: {
        image: input.image,
        env: [
          { name: PLAN_ENV, value: JSON.stringify(input.plan) },
          { name: 'HARNESS_BASE_URL', value: input.baseUrl },
          { name: 'HARNESS_USER_EMAIL', value: input.email },
          {
            name: 'HARNESS_USER_PASSWORD',
            valueFrom: { secretKeyRef: { name: input.credentialsSecret, key: 'password' } },
          },
          { name: 'K6_NO_USAGE_REPORT', value: 'true' },
        ],
        resources: { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
      },
    },
  };
  return { configMap, testRun };
}
