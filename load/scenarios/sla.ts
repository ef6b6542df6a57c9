/// <reference types="k6" />
/**
 * sla: the weighted mix (health, menus, order flow with idempotency keys, payment
 * intent) at a constant arrival rate, judged against the profile's SLA.
 */
import { parseLoadPlan, PLAN_ENV } from '../catalog/load-plan.ts';
import { SHAPES } from '../catalog/shapes.ts';
import { mixIteration } from '../k6/mix-iteration.ts';
import { buildOptions } from '../k6/options.ts';
import { openSession, type Session } from '../k6/session.ts';
import { summaryFiles } from '../k6/summary.ts';

const plan = parseLoadPlan(__ENV[PLAN_ENV], 'sla');
const shape = SHAPES.sla(plan);

export const options = buildOptions(plan, shape);

export function setup(): Promise<Session> {
  return openSession(plan);
}

export default function (session: Session): void {
  mixIteration(session, shape);
}

export function handleSummary(data: Record<string, unknown>): Record<string, string> {
  return summaryFiles(data);
}
