/** The tags product-suite tests may carry; vitest.config.ts declares them, `--tags` is checked against them. */
export const TEST_TAGS = [
  { name: 'smoke', description: 'Fast post-deploy checks of a live environment' },
  { name: 'health', description: 'Health endpoints and their latency target' },
  { name: 'business', description: 'Business flows: menus, orders, payments' },
  { name: 'security', description: 'Authentication and webhook signature checks' },
  { name: 'critical', description: 'A failure blocks promotion on its own' },
  { name: 'integration', description: 'Handlers against real Postgres and Redis' },
  { name: 'contract', description: 'Consumer-driven contracts (Pact)' },
  { name: 'slow', description: 'Takes more than a few seconds' },
  { name: 'conformance', description: 'Every documented response and promise of the platform contract' },
  { name: 'mutating', description: 'Changes data on the target; skipped on a read-only production profile' },
  { name: 'transport', description: 'TLS certificate, protocol and HSTS of an https:// target' },
  {
    name: 'outage',
    description: 'Takes a dependency of the target down and back up; only on a target the run started itself',
  },
  { name: 'fuzz', description: 'Generated requests from the contract; bounded, seeded, never in production' },
];
