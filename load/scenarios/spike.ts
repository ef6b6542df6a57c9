/// <reference types="k6" />
/**
 * spike: the same mix, quiet, then a sudden surge to the profile's rate, then back; judged
 * on the whole run and, above all, on whether the SLA holds again in the recovery phase.
 */
import { parseLoadPlan, PLAN_ENV } from '../catalog/load-plan.ts';
import { SHAPES } from '../catalog/shapes.ts';
import { mixIteration } from '../k6/mix-iteration.ts';
import { buildOptions } from '../k6/options.ts';
import { openSession, type Session } from '../k6/session.ts';
import { summaryFiles } from '../k6/summary.ts';

const plan = parseLoadPlan(__ENV[PLAN_ENV], 'spike');
const shape = SHAPES.spike(plan);

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
