import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HarnessError } from '../../common/harness-error.ts';
import type { ScenarioBundle } from '../bundle-scenarios.ts';
import type { LoadPlan } from '../catalog/load-plan.ts';
import { CONFIGMAP_LIMIT_BYTES, defaultParallelism, operatorManifests, resourceName } from './k6-operator-manifest.ts';
import { toYamlDocuments } from './yaml-documents.ts';

export interface WriteOperatorOptions {
  bundle: ScenarioBundle;
  plan: LoadPlan;
  baseUrl: string;
  email: string;
  outDir: string;
  parallelism?: number;
  image?: string;
  k6Version: string;
  peakRate: number;
}

/** The Kubernetes Secret (key `password`) the TestRun reads HARNESS_USER_PASSWORD from. */
export const CREDENTIALS_SECRET = 'hasivu-load-credentials';

/** Writes `<outDir>/<name>.yaml` (ConfigMap + TestRun) and returns its path. */
export async function writeOperatorManifest(options: WriteOperatorOptions): Promise<string> {
  const [script, sourceMap] = await Promise.all([
    readFile(options.bundle.path, 'utf8'),
    readFile(options.bundle.mapPath, 'utf8'),
  ]);
  const size = Buffer.byteLength(script) + Buffer.byteLength(sourceMap);
  if (size > CONFIGMAP_LIMIT_BYTES) {
    throw new HarnessError(
      'LOAD_BUNDLE_TOO_LARGE',
      `the ${options.plan.scenario} bundle and its source map are ${size} bytes, more than a ConfigMap holds (${CONFIGMAP_LIMIT_BYTES}); trim the scenario's imports`,
    );
  }
  const { configMap, testRun } = operatorManifests({
    plan: options.plan,
    baseUrl: options.baseUrl,
    email: options.email,
    scriptName: basename(options.bundle.path),
    script,
    sourceMap,
    parallelism: options.parallelism ?? defaultParallelism(options.peakRate),
    image: options.image ?? `grafana/k6:${options.k6Version}`,
    credentialsSecret: CREDENTIALS_SECRET,
  });
  const path = join(options.outDir, `${resourceName(options.plan)}.k6-operator.yaml`);
  await writeFileAtomic(path, toYamlDocuments([configMap, testRun]));
  return path;
}
