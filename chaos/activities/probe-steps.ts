import type { AlarmHistoryItem, AlarmStateUpdateData } from '../../common/aws-shapes/cloudwatch.ts';
import type { Probe } from '../model/drill-schema.ts';
import type { StepOutcome } from '../engine/step-executor.ts';
import type { Phase } from '../engine/journal.ts';
import type { TrafficSettings } from '../model/drill-schema.ts';
import { requestsToDetect } from '../traffic/detection-power.ts';
import type { OrderTraffic } from '../traffic/order-traffic.ts';
import { acknowledgedCount, answeredSince, firstFaultSince, recoveryStreak } from '../traffic/traffic-conditions.ts';
import { mark, resolveVersion, type DrillContext } from './drill-context.ts';
import { isFinalExperimentStatus } from '../../common/aws-shapes/fis.ts';
import { ONE_LOOK_MS, waitUntil } from './wait-until.ts';

type Step<R extends Probe['run']> = Extract<Probe, { run: R }>;

/** Between two looks at an alarm's history while waiting for ALARM. */
const HISTORY_INTERVAL_MS = 1000;

/** One look when the probe has no timeout; polling until the deadline when it has one. */
const once = ONE_LOOK_MS;

export async function httpProbe(context: DrillContext, step: Step<'http'>, signal: AbortSignal): Promise<StepOutcome> {
  let last = '';
  const status = await waitUntil(
    `${step.method} ${step.path} to answer ${step.tolerance}`,
    async () => {
      const response = await context.http.send(step.method, step.path, step.method === 'POST' ? { body: {} } : {});
      last = `${response.status}`;
      return response.status === step.tolerance ? response.status : undefined;
    },
    { timeoutMs: step.timeoutMs ?? once, signal, lastSeen: () => last },
  );
  if (step.marks === 'fault') mark(context, 'firstFaultAt');
  if (step.marks === 'healthy') mark(context, 'healthyAt');
  return { ok: true, output: { status } };
}

export async function aliasProbe(
  context: DrillContext,
  step: Step<'alias'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { drill, adapters } = context;
  const version = step.version ? resolveVersion(context, step.version) : undefined;
  let last = '';
  const alias = await waitUntil(
    `alias ${drill.alias} of ${drill.function} on ${version ? `version ${version}` : 'one version'} with no extra weight`,
    async () => {
      const seen = await adapters.observer.getAlias(drill.function, drill.alias, signal);
      const weights = seen.RoutingConfig?.AdditionalVersionWeights ?? {};
      last = `version ${seen.FunctionVersion}, extra weights ${JSON.stringify(weights)}`;
      return (version === undefined || seen.FunctionVersion === version) && Object.keys(weights).length === 0
        ? seen
        : undefined;
    },
    {
      timeoutMs: step.timeoutMs ?? once,
      signal,
      lastSeen: () => last,
      ...(step.failure ? { failure: step.failure } : {}),
    },
  );
  if (step.marks === 'rollback') mark(context, 'rollbackAt');
  return { ok: true, output: alias };
}

export async function alarmProbe(
  context: DrillContext,
  step: Step<'alarm'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { adapters, journal } = context;
  const since = Date.parse(journal.journal.start);
  const enteredAlarm = async (): Promise<AlarmHistoryItem | undefined> =>
    (await adapters.observer.alarmHistory(step.alarm, signal)).find((item) => {
      if (item.HistoryItemType !== 'StateUpdate' || Date.parse(item.Timestamp) < since) return false;
      const data = JSON.parse(item.HistoryData) as AlarmStateUpdateData;
      return data.newState.stateValue === 'ALARM';
    });
  let historyLookedAt = 0;
  // What the history said when it was looked at during the wait, so it is not asked twice.
  let entered: AlarmHistoryItem | undefined;
  let last = '';
  const alarm = await waitUntil(
    `alarm ${step.alarm} in ${step.state}`,
    async () => {
      const [found] = await adapters.observer.describeAlarms([step.alarm], signal);
      if (!found) throw new Error(`the target has no alarm named ${step.alarm}`);
      last = found.StateValue;
      if (found.StateValue === step.state) return found;
      // A fast rollback can take an alarm to ALARM and back to OK between two looks; its history
      // keeps it. Looked up once a second at most: the history API is rate-limited on AWS.
      if (step.state !== 'ALARM' || Date.now() - historyLookedAt < HISTORY_INTERVAL_MS) return undefined;
      historyLookedAt = Date.now();
      entered = await enteredAlarm();
      return entered ? found : undefined;
    },
    { timeoutMs: step.timeoutMs ?? once, signal, lastSeen: () => last },
  );
  if (step.state === 'ALARM') {
    // The alarm's own record of when it changed, not when the drill happened to look.
    entered ??= await enteredAlarm();
    mark(context, 'alarmAt', entered?.Timestamp ?? alarm.StateUpdatedTimestamp);
  }
  return {
    ok: true,
    output: {
      AlarmName: alarm.AlarmName,
      StateValue: alarm.StateValue,
      StateUpdatedTimestamp: alarm.StateUpdatedTimestamp,
    },
  };
}

export async function deploymentProbe(
  context: DrillContext,
  step: Step<'deployment'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { adapters, journal } = context;
  const deployment = journal.journal.deployments.at(-1);
  if (!deployment) return { ok: false, message: 'no deployment was started' };
  let last = '';
  const info = await waitUntil(
    `deployment ${deployment.id} to be ${step.status.join(' or ')}`,
    async () => {
      const seen = await adapters.observer.getDeployment(deployment.id, signal);
      last = `${seen.status}${seen.rollbackInfo ? ' with rollbackInfo' : ''}${seen.errorInformation ? ` (${seen.errorInformation.message})` : ''}`;
      return (step.status as string[]).includes(seen.status) ? seen : undefined;
    },
    { timeoutMs: step.timeoutMs, signal, lastSeen: () => last },
  );
  deployment.finalStatus = info.status;
  if (step.rolledBack !== undefined && Boolean(info.rollbackInfo) !== step.rolledBack) {
    return {
      ok: false,
      output: info,
      message: `deployment ${info.deploymentId} is ${info.status} ${info.rollbackInfo ? 'with' : 'without'} rollbackInfo; expected ${step.rolledBack ? 'a rollback' : 'none'}`,
    };
  }
  return { ok: true, output: info };
}

export async function experimentsProbe(
  context: DrillContext,
  step: Step<'experiments'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { adapters, journal } = context;
  let last = '';
  const states = await waitUntil(
    `every experiment of this drill to be ${step.status.join(' or ')}`,
    async () => {
      const seen = await Promise.all(journal.journal.experiments.map((e) => adapters.injector.get(e.id, signal)));
      last = seen.map((e) => `${e.id} ${e.state.status}`).join(', ');
      return seen.every((e) => (step.status as string[]).includes(e.state.status))
        ? seen.map((e) => ({ id: e.id, state: e.state }))
        : undefined;
    },
    { timeoutMs: step.timeoutMs, signal, lastSeen: () => last },
  );
  return { ok: true, output: states };
}

export async function noRunningExperiments(context: DrillContext, signal: AbortSignal): Promise<StepOutcome> {
  const running = (await context.adapters.injector.list(signal)).filter(
    (e) => !isFinalExperimentStatus(e.state.status),
  );
  return running.length === 0
    ? { ok: true, output: { running: 0 } }
    : {
        ok: false,
        output: running.map((e) => ({ id: e.id, state: e.state })),
        message: `experiments still active: ${running.map((e) => `${e.id} (${e.state.status})`).join(', ')}`,
      };
}

export async function trafficProbe(
  context: DrillContext,
  step: Step<'traffic'>,
  signal: AbortSignal,
  phase?: Phase,
): Promise<StepOutcome> {
  const { traffic, drill, journal } = context;
  if (!traffic || !drill.traffic) return { ok: false, message: 'the drill has no traffic' };
  const slowMs = drill.traffic.slowMs;
  const failure = step.failure ? { failure: step.failure } : {};
  if (step.condition === 'acknowledged') {
    const count = await waitUntil(
      `${step.count} acknowledged orders`,
      () =>
        Promise.resolve(
          acknowledgedCount(traffic.writes) >= step.count ? acknowledgedCount(traffic.writes) : undefined,
        ),
      {
        timeoutMs: step.timeoutMs,
        signal,
        lastSeen: () => `${acknowledgedCount(traffic.writes)} of ${traffic.writes.length} acknowledged`,
        ...failure,
      },
    );
    return { ok: true, output: { acknowledged: count } };
  }
  if (step.condition === 'fault') {
    const since = Date.parse(journal.journal.marks.faultStartedAt ?? journal.journal.start);
    const at = await waitUntil(
      'the traffic to see a failed or slow response',
      () => Promise.resolve(firstFaultSince(traffic.writes, since, slowMs)),
      { timeoutMs: step.timeoutMs, signal, ...failure },
    );
    mark(context, 'firstFaultAt', at.endedAt ?? Date.now());
    return {
      ok: true,
      output: {
        key: at.key,
        status: at.status,
        outcome: at.outcome,
        latencyMs: at.latencyMs,
        executedVersion: at.executedVersion,
      },
    };
  }
  const version = resolveVersion(context, step.version ?? '$previous');
  const since = Date.parse(journal.journal.marks.rollbackAt ?? new Date().toISOString());
  const streak = await waitUntil(
    `${step.count} good orders in a row on version ${version}`,
    () => Promise.resolve(recoveryStreak(traffic.writes, { version, count: step.count, since, slowMs })),
    { timeoutMs: step.timeoutMs, signal, ...failure },
  );
  const output = { recoveredAt: new Date(streak.at).toISOString(), version, consecutive: step.count };
  // Only a recovery after a fault is verified: a steady-state look needs no window.
  if (phase !== 'method' || !drill.expect.recovery) {
    mark(context, 'recoveredAt', streak.at);
    return { ok: true, output };
  }
  const window = await verificationWindow(context, drill.traffic, streak.firstSentAt, signal);
  mark(context, 'recoveredAt', streak.at);
  return { ok: true, output: { ...output, window } };
}

/**
 * Orders keep flowing after recovery until the window holds enough answers to show a leak or a
 * failure share of `detectRate` with `confidence`, or `maxMs` has passed. It never fails: what
 * the window holds is judged after the drill (verify-traffic.ts), with the power it had.
 */
async function verificationWindow(
  context: DrillContext,
  settings: TrafficSettings,
  from: number,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const traffic = context.traffic as OrderTraffic;
  const { detectRate, confidence, maxMs, ratePerSecond = settings.ratePerSecond } = settings.verification;
  const target = requestsToDetect(detectRate, confidence);
  const window = { from: new Date(from).toISOString(), target, ratePerSecond, answered: 0, complete: false };
  context.journal.journal.extra.window = window;
  const deadline = Math.min(maxMs, Math.max(ONE_LOOK_MS, from + maxMs - Date.now()));
  // The window's power comes from its count, not its length: at its own rate it ends sooner.
  traffic.setRate(ratePerSecond);
  try {
    window.complete = await waitUntil(
      `${target} answered orders in the verification window`,
      () => {
        window.answered = answeredSince(traffic.writes, from);
        return Promise.resolve(window.answered >= target ? true : undefined);
      },
      { timeoutMs: deadline, signal },
    ).catch((error: unknown) => {
      if (signal.aborted) throw error;
      return false;
    });
  } finally {
    traffic.setRate(settings.ratePerSecond);
  }
  window.answered = answeredSince(traffic.writes, from);
  await context.journal.flush();
  return window;
}

/** Between two looks at a provider's record of delivery: its read APIs are rate-limited. */
const DELIVERY_RECORD_INTERVAL_MS = 5_000;

/** Delivery as the provider recorded it (AWS: the alarm history's Action items), polled to the deadline. */
async function recordedDeliveryProbe(
  context: DrillContext,
  step: Step<'alarm-notification'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { alarms } = context.adapters;
  const lookUp = alarms.lookUpDelivery?.bind(alarms);
  if (!lookUp) return { ok: false, message: 'the alarm subscriber keeps no record of delivery' };
  let last = 'no action recorded yet';
  const record = await waitUntil(
    `a recorded ${step.state} notification of ${step.alarm}`,
    async () => {
      const found = await lookUp(step.alarm, step.state, context.journal.journal.start, signal);
      if (!found)
        last = `${alarms.name}: no action of ${step.alarm} for ${step.state} recorded since the drill started`;
      return found;
    },
    { timeoutMs: step.timeoutMs, intervalMs: DELIVERY_RECORD_INTERVAL_MS, signal, lastSeen: () => last },
  );
  return record.delivered ? { ok: true, output: record.notification } : { ok: false, message: record.message };
}

export async function alarmNotificationProbe(
  context: DrillContext,
  step: Step<'alarm-notification'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  if (context.adapters.alarms.lookUpDelivery) return recordedDeliveryProbe(context, step, signal);
  const receiver = context.notifications;
  if (!receiver) return { ok: false, message: 'no notification receiver was subscribed' };
  const since = Date.parse(context.journal.journal.start);
  const note = await waitUntil(
    `a ${step.state} notification of ${step.alarm}`,
    () =>
      Promise.resolve(
        receiver.received.find(
          (n) => n.alarmName === step.alarm && n.newState === step.state && Date.parse(n.receivedAt) >= since,
        ),
      ),
    {
      timeoutMs: step.timeoutMs,
      signal,
      lastSeen: () =>
        `${receiver.received.length} notifications: ${receiver.received.map((n) => `${n.alarmName} ${n.newState}`).join(', ') || 'none'}`,
    },
  );
  return { ok: true, output: note };
}
