import type { MetricAlarm, MetricAlarmDefinition } from '../../../common/aws-shapes/cloudwatch.ts';
import { CONTROL_ROUTES } from '../../../common/aws-shapes/control-api.ts';
import type { AlarmSubscriber } from '../../ports/alarm-subscriber.ts';
import { route, type ControlClient } from '../../../fixtures/platform-control/control-client.ts';

/** The fields PutMetricAlarm takes: the alarm as described, without its state. */
function definitionOf(alarm: MetricAlarm): MetricAlarmDefinition {
  const { StateValue: _state, StateReason: _reason, StateUpdatedTimestamp: _updated, ...definition } = alarm;
  return definition;
}

/** Adds the endpoint to an alarm's actions with PutMetricAlarm (the platform keeps the state on update). */
export class LocalAlarmSubscriber implements AlarmSubscriber {
  readonly name = 'local';
  readonly #client: ControlClient;

  constructor(client: ControlClient) {
    this.#client = client;
  }

  async subscribe(alarmName: string, endpointUrl: string, signal: AbortSignal): Promise<() => Promise<void>> {
    const list = route(CONTROL_ROUTES.describeAlarms);
    const { MetricAlarms } = await this.#client.call<{ MetricAlarms: MetricAlarm[] }>(
      list.method,
      list.path,
      undefined,
      signal,
    );
    const alarm = MetricAlarms.find((a) => a.AlarmName === alarmName);
    if (!alarm) throw new Error(`the target has no alarm named ${alarmName}`);
    const original = definitionOf(alarm);
    const put = route(CONTROL_ROUTES.putAlarm, { name: alarmName });
    await this.#client.call(
      put.method,
      put.path,
      {
        ...original,
        AlarmActions: [...(original.AlarmActions ?? []), endpointUrl],
        OKActions: [...(original.OKActions ?? []), endpointUrl],
      },
      signal,
    );
    return async () => {
      await this.#client.call(
        put.method,
        put.path,
        {
          ...original,
          AlarmActions: original.AlarmActions ?? [],
          OKActions: original.OKActions ?? [],
        },
        AbortSignal.timeout(5000),
      );
    };
  }
}
