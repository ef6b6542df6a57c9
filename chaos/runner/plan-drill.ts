import { deploymentPreconditions } from '../activities/deployment-ready.ts';
import type { Activity, Drill } from '../model/drill-schema.ts';
import { requestsToDetect } from '../traffic/detection-power.ts';

function describeStep(step: Activity): string {
  switch (step.run) {
    case 'publish-version':
      return `publish a version of the function${step.behaviour ? ` behaving ${JSON.stringify(step.behaviour)}` : ''}`;
    case 'start-deployment':
      return `deploy ${step.version} as a ${step.canaryPercentage} % canary, bake ${step.canaryInterval} min, alarms ${step.alarms.join(', ') || 'none'}, auto rollback ${step.autoRollback ? 'on' : 'off'}`;
    case 'start-experiment':
      return `FIS ${step.actionId} on ${step.version ?? 'the function'} ${JSON.stringify(step.parameters)}${step.stopOnAlarm ? `, stop condition ${step.stopOnAlarm}` : ''}`;
    case 'stop-service':
    case 'start-service':
      return `${step.run === 'stop-service' ? 'stop' : 'start'} ${step.service}`;
    case 'http':
      return `${step.method} ${step.path} answers ${step.tolerance}${step.timeoutMs ? ` (wait ≤ ${step.timeoutMs} ms)` : ''}`;
    case 'alias':
      return `alias on ${step.version ?? 'one version'}, no extra weight${step.timeoutMs ? ` (wait ≤ ${step.timeoutMs} ms)` : ''}`;
    case 'alarm':
      return `alarm ${step.alarm} is ${step.state}${step.timeoutMs ? ` (wait ≤ ${step.timeoutMs} ms)` : ''}`;
    case 'alarm-notification':
      return `a ${step.state} notification of ${step.alarm} reaches the drill's subscriber (wait ≤ ${step.timeoutMs} ms)`;
    case 'deployment':
      return `deployment ${step.status.join('|')}${step.rolledBack === undefined ? '' : step.rolledBack ? ' with rollback' : ' without rollback'} (wait ≤ ${step.timeoutMs} ms)`;
    case 'experiments':
      return `experiments ${step.status.join('|')} (wait ≤ ${step.timeoutMs} ms)`;
    case 'traffic':
      return `traffic: ${step.condition}${step.condition === 'fault' ? '' : ` ×${step.count}`}${step.version ? ` on ${step.version}` : ''} (wait ≤ ${step.timeoutMs} ms)`;
    case 'restore-alias':
      return `alias back on ${step.version}, no extra weight`;
    case 'stop-deployment':
      return "stop this drill's deployment if it still runs, with rollback";
    case 'stop-experiments':
      return 'stop every experiment this drill started, wait until none runs';
    case 'no-running-experiments':
      return 'no experiment is active on the target';
    case 'deployment-ready':
      return `no alarm of the deployment group in ALARM, no extra alias weight, no experiment running${step.timeoutMs ? ` (wait ≤ ${step.timeoutMs} ms)` : ''}`;
  }
}

/** The drill as a person reviews it before it runs: every step in order, nothing hidden. */
export function planLines(drill: Drill): string[] {
  const step = (s: Activity, i: number): string => `    ${i + 1}. [${s.type}] ${s.name}: ${describeStep(s)}`;
  return [
    `${drill.name}: ${drill.title}`,
    `  function ${drill.function}, alias ${drill.alias}, deadline ${drill.deadlineMs} ms, requires ${drill.requires.join(', ')}`,
    drill.traffic
      ? `  traffic: ${drill.traffic.ratePerSecond} orders/s, at most ${drill.traffic.maxRequests}, slow above ${drill.traffic.slowMs} ms; ` +
        `verification window ${requestsToDetect(drill.traffic.verification.detectRate, drill.traffic.verification.confidence)} answered orders ` +
        `(a ${drill.traffic.verification.detectRate * 100} % leak with ${drill.traffic.verification.confidence * 100} % confidence), at most ${drill.traffic.verification.maxMs} ms`
      : '  traffic: none',
    ...(deploymentPreconditions(drill).length > 0
      ? ['  preconditions (before only):', ...deploymentPreconditions(drill).map(step)]
      : []),
    `  steady state (before and after): ${drill.steadyStateHypothesis.title}`,
    ...drill.steadyStateHypothesis.probes.map(step),
    '  method:',
    ...drill.method.map(step),
    '  rollbacks (always):',
    ...drill.rollbacks.map(step),
  ];
}
