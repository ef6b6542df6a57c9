import { ConditionTimeoutError, waitUntil } from './wait-until.ts';

/** An alarm as `DescribeAlarms` returns it, through the SDK or through a port. */
interface AlarmReading {
  AlarmName?: string;
  StateValue?: string;
}

/**
 * The alarms in ALARM, by name. Any one of a deployment group's alarms in ALARM stops a
 * deployment the moment it starts, and the release would be blamed: the group is quiet only
 * when this is empty.
 */
export function alarmsInAlarm(alarms: readonly AlarmReading[]): string[] {
  return alarms.filter((alarm) => alarm.StateValue === 'ALARM').map((alarm) => alarm.AlarmName ?? '?');
}

/**
 * Waits, bounded, until none of the alarms `read` returns is in ALARM. The first read's failure
 * ends the wait at once (access denied is no reason to wait); later ones count as "not yet".
 * Resolves with the alarms still in ALARM when time ran out, none when the group is quiet.
 */
export async function waitForQuietAlarms(
  read: () => Promise<readonly AlarmReading[]>,
  options: { timeoutMs: number; intervalMs?: number; signal: AbortSignal },
): Promise<string[]> {
  let firing = alarmsInAlarm(await read());
  if (firing.length === 0) return [];
  try {
    await waitUntil(
      'the alarms to leave ALARM',
      async () => {
        firing = alarmsInAlarm(await read());
        return firing.length === 0 ? true : undefined;
      },
      {
        timeoutMs: options.timeoutMs,
        intervalMs: options.intervalMs ?? 1_000,
        signal: options.signal,
      },
    );
    return [];
  } catch (error) {
    if (error instanceof ConditionTimeoutError) return firing;
    throw error;
  }
}
