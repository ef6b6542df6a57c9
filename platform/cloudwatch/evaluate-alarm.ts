import type { AlarmState, ComparisonOperator, MetricAlarmDefinition } from '../../common/aws-shapes/cloudwatch.ts';

const WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function breaches(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

export interface Evaluation {
  state: AlarmState;
  reason: string;
}

/**
 * CloudWatch's "M out of N": given the last EvaluationPeriods datapoints (oldest first,
 * undefined = missing), the alarm is ALARM when at least DatapointsToAlarm of them breach.
 * Missing datapoints follow TreatMissingData: `breaching` and `notBreaching` count them as
 * such; `ignore` and `missing` leave them out. When every datapoint is missing, `missing`
 * goes to INSUFFICIENT_DATA and `ignore` keeps the state. When the missing ones could still
 * decide it either way, the state is kept, as CloudWatch does.
 */
export function evaluateAlarm(
  alarm: Pick<
    MetricAlarmDefinition,
    'EvaluationPeriods' | 'DatapointsToAlarm' | 'Threshold' | 'ComparisonOperator' | 'TreatMissingData'
  >,
  datapoints: readonly (number | undefined)[],
  current: AlarmState,
): Evaluation {
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const treat = alarm.TreatMissingData ?? 'missing';
  let breaching = 0;
  let missing = 0;
  for (const value of datapoints) {
    if (value === undefined) {
      if (treat === 'breaching') breaching++;
      else if (treat !== 'notBreaching') missing++;
    } else if (breaches(value, alarm.ComparisonOperator, alarm.Threshold)) {
      breaching++;
    }
  }
  const shown = datapoints.map((v) => (v === undefined ? 'missing' : String(Math.round(v * 100) / 100)));
  const crossed = `${breaching} out of the last ${n} datapoints [${shown.join(', ')}] ${
    breaching === 1 ? 'was' : 'were'
  } ${WORDS[alarm.ComparisonOperator]} the threshold (${alarm.Threshold})`;
  if (breaching >= m)
    return {
      state: 'ALARM',
      reason: `Threshold Crossed: ${crossed} (minimum ${m} datapoints for OK -> ALARM transition).`,
    };
  if (missing === datapoints.length && datapoints.length > 0) {
    if (treat === 'ignore') return { state: current, reason: 'No datapoints; state kept (TreatMissingData: ignore).' };
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${n} missing datapoints.` };
  }
  if (breaching + missing < m)
    return {
      state: 'OK',
      reason: `Threshold Crossed: ${crossed} (minimum ${m} datapoints for ALARM -> OK transition).`,
    };
  return {
    state: current,
    reason: 'Missing datapoints could still decide either way; state kept.',
  };
}
