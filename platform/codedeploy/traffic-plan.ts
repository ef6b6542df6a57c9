import type { TrafficRoutingConfig } from '../../common/aws-shapes/codedeploy.ts';

/** From `atMs` after the start, this share (0-1) of the alias's traffic goes to the target version. */
export interface TrafficStep {
  atMs: number;
  weight: number;
}

/** CodeDeploy's predefined Lambda configurations, by name. */
const PREDEFINED: Record<string, TrafficRoutingConfig> = {
  'CodeDeployDefault.LambdaAllAtOnce': { type: 'AllAtOnce' },
};
for (const minutes of [5, 10, 15, 30])
  PREDEFINED[`CodeDeployDefault.LambdaCanary10Percent${minutes}Minutes`] = {
    type: 'TimeBasedCanary',
    timeBasedCanary: { canaryPercentage: 10, canaryInterval: minutes },
  };
for (const minutes of [1, 2, 3, 10])
  PREDEFINED[`CodeDeployDefault.LambdaLinear10PercentEvery${minutes}Minute${minutes === 1 ? '' : 's'}`] = {
    type: 'TimeBasedLinear',
    timeBasedLinear: { linearPercentage: 10, linearInterval: minutes },
  };

export function predefinedConfig(name: string): TrafficRoutingConfig | undefined {
  return PREDEFINED[name];
}

/**
 * The steps a deployment shifts traffic in, with intervals in minutes scaled to
 * `minuteMs`. The last step always has weight 1: the alias moves to the target.
 */
export function trafficPlan(config: TrafficRoutingConfig, minuteMs: number): TrafficStep[] {
  if (config.type === 'TimeBasedCanary' && config.timeBasedCanary) {
    const { canaryPercentage, canaryInterval } = config.timeBasedCanary;
    return [
      { atMs: 0, weight: canaryPercentage / 100 },
      { atMs: canaryInterval * minuteMs, weight: 1 },
    ];
  }
  if (config.type === 'TimeBasedLinear' && config.timeBasedLinear) {
    const { linearPercentage, linearInterval } = config.timeBasedLinear;
    const steps: TrafficStep[] = [];
    for (let k = 1; k * linearPercentage < 100; k++)
      steps.push({
        atMs: (k - 1) * linearInterval * minuteMs,
        weight: (k * linearPercentage) / 100,
      });
    steps.push({ atMs: steps.length * linearInterval * minuteMs, weight: 1 });
    return steps;
  }
  return [{ atMs: 0, weight: 1 }];
}
