import { ENDPOINTS, type Endpoint } from './endpoints.ts';

/**
 * The traffic mix: what one k6 iteration does, and how often. Weights are shares of
 * iterations; each flow lists the requests it makes so the runner can turn an
 * iteration rate into a request rate (the unit of the profile's rate cap).
 */
export interface Flow {
  name: FlowName;
  weight: number;
  /** Requests made by one run of the flow, in order. */
  requests: readonly Endpoint[];
  /** Extra requests made on some runs: `every` 5 means one run in five. */
  occasional?: { endpoint: Endpoint; every: number };
}

export type FlowName = 'health' | 'health-ready' | 'menus' | 'order' | 'payment';

export const MIX: readonly Flow[] = [
  { name: 'health', weight: 10, requests: [ENDPOINTS.health] },
  { name: 'health-ready', weight: 5, requests: [ENDPOINTS.healthReady] },
  // Browsing the menu is what parents do most.
  { name: 'menus', weight: 40, requests: [ENDPOINTS.menus] },
  {
    name: 'order',
    weight: 30,
    requests: [ENDPOINTS.orderCreate, ENDPOINTS.orderGet],
    // Mobile clients retry on flaky networks; the platform must answer the retry with the first order.
    occasional: { endpoint: ENDPOINTS.orderReplay, every: 5 },
  },
  { name: 'payment', weight: 15, requests: [ENDPOINTS.orderCreate, ENDPOINTS.paymentIntent] },
];

/** Mean requests per iteration over the mix: iteration rate × this = request rate. */
export function requestsPerIteration(mix: readonly Flow[] = MIX): number {
  const total = mix.reduce((sum, f) => sum + f.weight, 0);
  const weighted = mix.reduce(
    (sum, f) => sum + f.weight * (f.requests.length + (f.occasional ? 1 / f.occasional.every : 0)),
    0,
  );
  return weighted / total;
}

/** Most requests one iteration can make: bounds the request count of a run. */
export function maxRequestsPerIteration(mix: readonly Flow[] = MIX): number {
  return Math.max(...mix.map((f) => f.requests.length + (f.occasional ? 1 : 0)));
}

/**
 * A deterministic schedule of flow names with each flow appearing `weight` times,
 * spread out by smooth weighted round-robin (as nginx balances upstreams). Picking
 * `schedule[iteration % length]` gives the exact mix in every window of `length`
 * iterations, with no randomness to make two runs differ.
 */
export function mixSchedule(mix: readonly Flow[] = MIX): FlowName[] {
  const total = mix.reduce((sum, f) => sum + f.weight, 0);
  const current = mix.map(() => 0);
  const schedule: FlowName[] = [];
  for (let slot = 0; slot < total; slot++) {
    let best = 0;
    mix.forEach((flow, index) => {
      current[index] = (current[index] ?? 0) + flow.weight;
      if ((current[index] ?? 0) > (current[best] ?? 0)) best = index;
    });
    current[best] = (current[best] ?? 0) - total;
    const picked = mix[best];
    if (picked) schedule.push(picked.name);
  }
  return schedule;
}

export interface Pick {
  flow: FlowName;
  /** How many times this flow ran before in the test: drives `occasional` requests exactly. */
  occurrence: number;
}

/**
 * The flow for a test-wide iteration number, and its own running count, so "one order
 * in five is retried" holds for the order flow itself and not for iteration numbers
 * that happen to land on it.
 */
export function picker(schedule: readonly FlowName[]): (iteration: number) => Pick {
  const seen = new Map<FlowName, number>();
  const before = schedule.map((flow) => {
    const n = seen.get(flow) ?? 0;
    seen.set(flow, n + 1);
    return n;
  });
  return (iteration) => {
    const slot = iteration % schedule.length;
    const flow = schedule[slot] ?? schedule[0] ?? 'health';
    const cycle = Math.floor(iteration / schedule.length);
    return { flow, occurrence: cycle * (seen.get(flow) ?? 0) + (before[slot] ?? 0) };
  };
}
