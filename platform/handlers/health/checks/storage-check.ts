import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../../../storage/object-store.ts';
import { timedCheck } from './timed-check.ts';
import type { CheckResult } from './health-types.ts';

/** Writes, reads back and deletes a probe object: reachability alone would not catch a read-only store. */
export function storageCheck(storage: ObjectStore): Promise<CheckResult> {
  return timedCheck(
    'storage',
    async () => {
      const key = `health/probe-${randomUUID()}`;
      const data = Buffer.from(key);
      await storage.put(key, data);
      try {
        const read = await storage.get(key);
        if (!read?.equals(data)) throw new Error('the probe object read back differs from what was written');
      } finally {
        await storage.delete(key);
      }
    },
    { output: storage.description },
  );
}
