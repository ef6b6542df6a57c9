import exec from 'k6/execution';
import { mixSchedule, picker } from '../catalog/mix.ts';
import { phaseAt, type Shape } from '../catalog/shapes.ts';
import { runFlow } from './flows.ts';
import type { Session } from './session.ts';

const pick = picker(mixSchedule());

/**
 * One iteration of the weighted mix. The flow comes from the iteration's number in
 * the whole test (unique across distributed runners too), so every run sends the
 * same mix in the same order.
 */
export function mixIteration(session: Session, shape: Shape): void {
  const iteration = exec.scenario.iterationInTest;
  const { flow, occurrence } = pick(iteration);
  // Time since the scenario (not the test) started: setup() may take a while first.
  const phase = shape.phases.length > 0 ? phaseAt(shape, (Date.now() - exec.scenario.startTime) / 1000) : undefined;
  runFlow(flow, session, { iteration, occurrence }, phase);
}
