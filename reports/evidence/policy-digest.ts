import { createHash } from 'node:crypto';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import type { ResourceDescriptor } from './in-toto-statement.ts';

/** Same value, same text: keys sorted at every level, so the digest does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the verdict was judged by: the gate (weights, minimum score, required categories) and freshness. */
export function gatePolicy(profile: Profile): Record<string, unknown> {
  return {
    gate: profile.gate,
    freshnessHours: profile.freshnessHours,
    requireSignature: profile.evidence.requireSignature,
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The policy as a VSA names it: by the digest of its canonical JSON. */
export function policyDescriptor(profile: Profile): ResourceDescriptor & { digest: { sha256: string } } {
  return {
    uri: `hasivu-verify:profile/${profile.name}#gate`,
    digest: { sha256: sha256Hex(canonicalJson(gatePolicy(profile))) },
  };
}
