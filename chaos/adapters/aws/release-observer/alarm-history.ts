import { z } from 'zod';
import {
  ALARM_STATES,
  type AlarmHistoryItem,
  type AlarmState,
  type AlarmStateUpdateData,
} from '../../../../common/aws-shapes/cloudwatch.ts';

const StateSchema = z.object({
  stateValue: z.enum(ALARM_STATES),
  stateReason: z.string().optional(),
});
const StateUpdateSchema = z.object({
  version: z.string(),
  oldState: StateSchema,
  newState: StateSchema,
});

/**
 * `HistoryData` of a `StateUpdate` item is a JSON string (`{ version, oldState, newState }`).
 * Anything else (a configuration update, a truncated or foreign payload) gives `undefined`
 * rather than an exception: history is evidence, and one odd item must not end a drill.
 */
export function parseStateUpdate(item: AlarmHistoryItem): AlarmStateUpdateData | undefined {
  if (item.HistoryItemType !== 'StateUpdate') return undefined;
  try {
    const parsed = StateUpdateSchema.safeParse(JSON.parse(item.HistoryData));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface AlarmTransition {
  at: string;
  from: AlarmState;
  to: AlarmState;
  reason?: string;
}

/** The state changes in the history, oldest first. */
export function alarmTransitions(items: readonly AlarmHistoryItem[]): AlarmTransition[] {
  return items
    .flatMap((item) => {
      const data = parseStateUpdate(item);
      return data
        ? [
            {
              at: item.Timestamp,
              from: data.oldState.stateValue,
              to: data.newState.stateValue,
              reason: data.newState.stateReason,
            },
          ]
        : [];
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** When the alarm first went into ALARM at or after `since`: the end of detection time. */
export function firstAlarmAt(items: readonly AlarmHistoryItem[], since: string): string | undefined {
  const from = Date.parse(since);
  return alarmTransitions(items).find((t) => t.to === 'ALARM' && Date.parse(t.at) >= from)?.at;
}
