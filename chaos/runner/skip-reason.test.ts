import { describe, expect, test } from 'vitest';
import { fisDependencyControl } from '../adapters/aws/fault-injector/fis-dependency-control.ts';
import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import { loadShippedDrill } from '../drills/shipped-drills.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import { skipReason } from './run-one-drill.ts';

/** Never called: deciding to skip must not touch FIS. */
const untouchedInjector = new Proxy({} as FaultInjector, {
  get: (_, key) => (key === 'name' ? 'fis' : () => Promise.reject(new Error(`FIS was called (${String(key)})`))),
});

const awsAdapters = (arns: Parameters<typeof fisDependencyControl>[0]['arns']): DrillAdapters =>
  ({
    source: 'aws',
    dependencies: fisDependencyControl({ injector: untouchedInjector, arns, outageMs: 60_000 }),
  }) as unknown as DrillAdapters;

describe('skipReason for the dependency drills on AWS', () => {
  test('a profile naming neither resource skips both drills, each naming its own profile field', async () => {
    const adapters = awsAdapters({});
    expect(skipReason(await loadShippedDrill('postgres-restart'), adapters)).toMatch(
      /aws:rds:reboot-db-instances: set aws\.dependencies\.rdsDbInstanceArn$/,
    );
    expect(skipReason(await loadShippedDrill('redis-outage'), adapters)).toMatch(
      /aws:elasticache:replicationgroup-interrupt-az-power: set aws\.dependencies\.elastiCacheReplicationGroupArn$/,
    );
  });

  test('a named resource lets its drill run while the other still skips; Lambda drills are untouched', async () => {
    const adapters = awsAdapters({ rdsDbInstanceArn: 'arn:aws:rds:ap-south-1:123456789012:db:hasivu-staging' });
    expect(skipReason(await loadShippedDrill('postgres-restart'), adapters)).toBeUndefined();
    expect(skipReason(await loadShippedDrill('redis-outage'), adapters)).toContain(
      'aws.dependencies.elastiCacheReplicationGroupArn',
    );
    expect(skipReason(await loadShippedDrill('fis-invocation-error'), adapters)).toBeUndefined();
  });

  test("without any dependency control the reason says the services are not this run's", async () => {
    const adapters = { source: 'aws', dependencies: undefined } as unknown as DrillAdapters;
    expect(skipReason(await loadShippedDrill('redis-outage'), adapters)).toContain('not started by this run');
  });
});
