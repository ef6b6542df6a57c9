import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { Journal } from '../engine/journal.ts';
import type { Drill } from '../model/drill-schema.ts';
import type { OrderSession } from '../traffic/demo-session.ts';
import { checkOrderSet, type OrderSetReport } from '../traffic/order-set-check.ts';
import type { OrderTraffic } from '../traffic/order-traffic.ts';
import { readBackOrders } from '../traffic/read-back-orders.ts';
import { reconcileWrites, retryUnsettledWrites, type ReconciliationReport } from '../traffic/reconcile-writes.ts';
import {
  serviceDuringFault,
  verifyTraffic,
  type FaultService,
  type TrafficVerification,
} from '../traffic/verify-traffic.ts';
import { trafficSummary } from './traffic-summary.ts';

export interface SettledTraffic {
  orders: OrderSetReport;
  reconciliation: ReconciliationReport;
  verification: TrafficVerification;
  faultService?: FaultService;
}

const at = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/**
 * After the drill: stops the traffic, retries every failed or unanswered write with its own key,
 * reads every acknowledged order back, and judges the traffic after the rollback and during the
 * fault. Everything it finds goes into the journal. Adapter-neutral: it speaks only to the
 * order API, as users do.
 */
export async function settleTraffic(
  drill: Drill,
  journal: Journal,
  traffic: OrderTraffic,
  client: ApiClient,
  session: OrderSession,
  errorRateMax: number,
): Promise<SettledTraffic> {
  const writes = await traffic.stop();
  const reconciliation = reconcileWrites(writes, await retryUnsettledWrites(client, session, writes));
  const orders = checkOrderSet(writes, await readBackOrders(client, session.token, writes), {
    ...session.body,
    totalMinor: session.expectedTotalMinor,
  });
  const { marks, versions } = journal;
  const window = journal.extra.window as { from?: string; target?: number } | undefined;
  const settings = drill.traffic?.verification;
  const faultStart = at(marks.faultStartedAt);
  const verification = verifyTraffic(writes, {
    // A rollback is judged only where one was observed away from a version this drill published.
    rollbackAt: versions.canary ? at(marks.rollbackAt) : undefined,
    rolledBackVersion: versions.canary,
    faultStartedAt: faultStart,
    windowStart: at(window?.from),
    windowRequests: window?.target ?? 0,
    confidence: settings?.confidence ?? 0.95,
    errorRateMax,
  });
  const faultService =
    drill.expect.serviceDuringFault && faultStart !== undefined
      ? serviceDuringFault(writes, faultStart, at(marks.rollbackAt) ?? at(journal.end) ?? Date.now())
      : undefined;
  Object.assign(journal.extra, {
    traffic: trafficSummary(writes),
    orders,
    reconciliation,
    verification,
    ...(faultService ? { serviceDuringFault: faultService } : {}),
  });
  return { orders, reconciliation, verification, ...(faultService ? { faultService } : {}) };
}
