/// <reference types="k6" />
/**
 * soak: the same mix at a steady rate for a long time (the nightly run); the first and
 * last tenth are tagged so the runner can see latency drift (leaks, bloat, slow queries).
 */
import { parseLoadPlan, PLAN_ENV } from '../catalog/load-plan.ts';
import { SHAPES } from '../catalog/shapes.ts';
import { mixIteration } from '../k6/mix-iteration.ts';
import { buildOptions } from '../k6/options.ts';
import { openSession, type Session } from '../k6/session.ts';
import { summaryFiles } from '../k6/summary.ts';

const plan = parseLoadPlan(__ENV[PLAN_ENV], 'soak');
const shape = SHAPES.soak(plan);

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
