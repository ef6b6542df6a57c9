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
];
