import type { LoadPlan, ScenarioName } from './load-plan.ts';

/**
 * How each scenario spends its time. k6-free, so the runner computes the requested
 * iteration count from the very stages k6 runs, and both agree on phase boundaries.
 */
export interface Stage {
  durationSeconds: number;
  /** Iterations per second reached at the end of the stage (linear ramp from the previous one). */
  target: number;
}

export interface Phase {
  name: string;
  fromSeconds: number;
  toSeconds: number;
}

export interface Shape {
  startRate: number;
  stages: Stage[];
  /** Named time windows; each request is tagged `phase:<name>` so k6 can judge windows apart. */
  phases: Phase[];
}

function constant(plan: LoadPlan, phases: Phase[]): Shape {
  return {
    startRate: plan.ratePerSecond,
    stages: [{ durationSeconds: plan.durationSeconds, target: plan.ratePerSecond }],
    phases,
  };
}

/** Quiet baseline, a surge to the plan's rate within seconds, a hold, a drop, and a long look at recovery. */
function spike(plan: LoadPlan): Shape {
  const d = plan.durationSeconds;
  const baseline = Math.max(1, Math.round(plan.ratePerSecond / 10));
  const seconds = (share: number, min: number): number => Math.max(min, Math.round(d * share));
  const stages: Stage[] = [
    { durationSeconds: seconds(0.15, 2), target: baseline },
    { durationSeconds: seconds(0.05, 1), target: plan.ratePerSecond },
    { durationSeconds: seconds(0.25, 2), target: plan.ratePerSecond },
    { durationSeconds: seconds(0.05, 1), target: baseline },
    { durationSeconds: seconds(0.5, 3), target: baseline },
  ];
  const [b, up, hold, down] = stages.map((s) => s.durationSeconds) as [number, number, number, number];
  const total = stages.reduce((sum, s) => sum + s.durationSeconds, 0);
  return {
    startRate: baseline,
    stages,
    phases: [
      { name: 'baseline', fromSeconds: 0, toSeconds: b },
      { name: 'surge', fromSeconds: b, toSeconds: b + up + hold + down },
      { name: 'recovery', fromSeconds: b + up + hold + down, toSeconds: total },
    ],
  };
}

/** Steady rate; the first and last tenth are tagged so a slow drift (leaks, bloat) shows. */
function soak(plan: LoadPlan): Shape {
  const d = plan.durationSeconds;
  const tenth = Math.max(1, Math.round(d / 10));
  return constant(plan, [
    { name: 'early', fromSeconds: 0, toSeconds: tenth },
    { name: 'middle', fromSeconds: tenth, toSeconds: d - tenth },
    { name: 'late', fromSeconds: d - tenth, toSeconds: d },
  ]);
}

export const SHAPES: Record<ScenarioName, (plan: LoadPlan) => Shape> = {
  sla: (plan) => constant(plan, []),
  spike,
  soak,
};

export function totalSeconds(shape: Shape): number {
  return shape.stages.reduce((sum, s) => sum + s.durationSeconds, 0);
}

/** Iterations the executor is asked to start: the area under the rate curve. */
export function requestedIterations(shape: Shape): number {
  let rate = shape.startRate;
  let area = 0;
  for (const stage of shape.stages) {
    area += ((rate + stage.target) / 2) * stage.durationSeconds;
    rate = stage.target;
  }
  return Math.round(area);
}

export function phaseAt(shape: Shape, elapsedSeconds: number): string | undefined {
  return (
    shape.phases.find((p) => elapsedSeconds >= p.fromSeconds && elapsedSeconds < p.toSeconds)?.name ??
    shape.phases.at(-1)?.name
  );
}
