import type {
  AlarmHistoryItem,
  AlarmState,
  AlarmStateUpdateData,
  MetricAlarm,
  MetricAlarmDefinition,
} from '../../common/aws-shapes/cloudwatch.ts';
import { notFound } from '../http/api-error.ts';
import { evaluateAlarm } from './evaluate-alarm.ts';
import type { MetricStore } from './metric-store.ts';

/** Per alarm; older entries are dropped, as DescribeAlarmHistory keeps a bounded window too. */
const MAX_HISTORY = 500;

export interface AlarmsOptions {
  metrics: MetricStore;
  /** Local length of a 60-second period (HASIVU_METRIC_PERIOD_MS). */
  minutePeriodMs: number;
  /** Called on every state change with the alarm after it; sends the AlarmActions / OKActions. */
  onStateChange?: (alarm: MetricAlarm, oldState: AlarmState) => void;
  seeds: () => MetricAlarmDefinition[];
}

/** CloudWatch metric alarms: PutMetricAlarm, DescribeAlarms, DescribeAlarmHistory, and their evaluation. */
export class Alarms {
  readonly #options: AlarmsOptions;
  readonly #alarms = new Map<string, MetricAlarm>();
  readonly #history = new Map<string, AlarmHistoryItem[]>();

  constructor(options: AlarmsOptions) {
    this.#options = options;
    this.reset(new Date());
  }

  /** The local length of an alarm's period: Period seconds scaled so that 60 s is one local minute-period. */
  periodMs(alarm: Pick<MetricAlarmDefinition, 'Period'>): number {
    return Math.max(1, Math.round((alarm.Period / 60) * this.#options.minutePeriodMs));
  }

  /** PutMetricAlarm: creates (state INSUFFICIENT_DATA) or replaces the definition, keeping the state. */
  put(definition: MetricAlarmDefinition, now = new Date()): MetricAlarm {
    const existing = this.#alarms.get(definition.AlarmName);
    const alarm: MetricAlarm = {
      ...structuredClone(definition),
      StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
      StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
      StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now.toISOString(),
    };
    this.#alarms.set(alarm.AlarmName, alarm);
    this.#append(alarm.AlarmName, {
      AlarmName: alarm.AlarmName,
      Timestamp: now.toISOString(),
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${alarm.AlarmName}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({ type: existing ? 'Update' : 'Create', version: '1.0' }),
    });
    return structuredClone(alarm);
  }

  describe(): MetricAlarm[] {
    return [...this.#alarms.values()].map((alarm) => structuredClone(alarm));
  }

  has(name: string): boolean {
    return this.#alarms.has(name);
  }

  state(name: string): AlarmState | undefined {
    return this.#alarms.get(name)?.StateValue;
  }

  history(name: string): AlarmHistoryItem[] {
    if (!this.#alarms.has(name)) throw notFound(`Alarm ${name}`);
    return structuredClone(this.#history.get(name) ?? []);
  }

  /**
   * Records that an alarm action ran, as CloudWatch does in the alarm history
   * (`HistoryItemType: Action`, "Successfully executed action <arn>" or "Failed to execute
   * action <arn>. Received error: ..."), with the message it published.
   */
  recordAction(
    name: string,
    outcome: { endpoint: string; ok: boolean; error?: string },
    publishedMessage: string,
    now = new Date(),
  ): void {
    if (!this.#alarms.has(name)) return; // reset while the notification was on its way
    this.#append(name, {
      AlarmName: name,
      Timestamp: now.toISOString(),
      HistoryItemType: 'Action',
      HistorySummary: outcome.ok
        ? `Successfully executed action ${outcome.endpoint}`
        : `Failed to execute action ${outcome.endpoint}. Received error: "${outcome.error ?? 'unknown'}"`,
      HistoryData: JSON.stringify({
        actionState: outcome.ok ? 'Succeeded' : 'Failed',
        notificationResource: outcome.endpoint,
        stateUpdateTimestamp: now.getTime(),
        publishedMessage,
        ...(outcome.ok ? {} : { error: outcome.error }),
      }),
    });
  }

  /** Evaluates every alarm on the periods complete at `now`; returns the names that changed state. */
  evaluate(now: Date): string[] {
    const changed: string[] = [];
    for (const alarm of this.#alarms.values()) {
      const datapoints = this.#options.metrics.datapoints(
        alarm,
        this.periodMs(alarm),
        alarm.EvaluationPeriods,
        now.getTime(),
      );
      const next = evaluateAlarm(alarm, datapoints, alarm.StateValue);
      if (next.state === alarm.StateValue) continue;
      const oldState = alarm.StateValue;
      const data: AlarmStateUpdateData = {
        version: '1.0',
        oldState: {
          stateValue: oldState,
          ...(alarm.StateReason ? { stateReason: alarm.StateReason } : {}),
        },
        newState: { stateValue: next.state, stateReason: next.reason },
      };
      alarm.StateValue = next.state;
      alarm.StateReason = next.reason;
      alarm.StateUpdatedTimestamp = now.toISOString();
      this.#append(alarm.AlarmName, {
        AlarmName: alarm.AlarmName,
        Timestamp: now.toISOString(),
        HistoryItemType: 'StateUpdate',
        HistorySummary: `Alarm updated from ${oldState} to ${next.state}`,
        HistoryData: JSON.stringify(data),
      });
      changed.push(alarm.AlarmName);
      this.#options.onStateChange?.(structuredClone(alarm), oldState);
    }
    return changed;
  }

  /** Back to the seeded alarms, each INSUFFICIENT_DATA with an empty history. */
  reset(now: Date = new Date()): void {
    this.#alarms.clear();
    this.#history.clear();
    for (const seed of this.#options.seeds()) this.put(seed, now);
  }

  #append(name: string, item: AlarmHistoryItem): void {
    const items = this.#history.get(name) ?? [];
    items.push(item);
    if (items.length > MAX_HISTORY) items.splice(0, items.length - MAX_HISTORY);
    this.#history.set(name, items);
  }
}
