import { isLoopback } from '../../../common/is-loopback.ts';
import type { AdapterCandidate } from '../adapter-candidate.ts';
import type { DrillAdapters } from '../drill-adapters.ts';
import { ControlClient } from '../../../fixtures/platform-control/control-client.ts';
import { LocalAlarmSubscriber } from './local-alarm-subscriber.ts';
import { LocalFaultInjector } from './local-fault-injector.ts';
import { LocalReleaseController } from './local-release-controller.ts';
import { LocalReleaseObserver } from './local-release-observer.ts';

/** Each control call is a loopback round trip; anything slower is a platform in trouble. */
const CONTROL_TIMEOUT_MS = 5000;

/** The reference platform's control API: loopback only, with the target's admin token. */
export const localCandidate: AdapterCandidate = {
  name: 'local',
  async open(target, _environment, signal) {
    if (!target.adminToken) return { skip: 'the target has no admin token (HARNESS_ADMIN_TOKEN), so no control API' };
    if (!isLoopback(target.baseUrl))
      return { skip: `${target.baseUrl} is not loopback; the control API exists only on the local platform` };
    const client = new ControlClient({
      baseUrl: target.baseUrl,
      adminToken: target.adminToken,
      timeoutMs: CONTROL_TIMEOUT_MS,
    });
    try {
      await client.call('GET', '/_control/ping', undefined, signal);
    } catch (error) {
      await client.close();
      return { skip: `the control API at ${target.baseUrl}/_control/ping did not answer: ${(error as Error).message}` };
    }
    const adapters: DrillAdapters = {
      source: 'local',
      injector: new LocalFaultInjector(client),
      observer: new LocalReleaseObserver(client),
      controller: new LocalReleaseController(client),
      alarms: new LocalAlarmSubscriber(client),
      dependencies: target.dependencies,
      describe: () => ({
        injector: 'local (control API, FIS-shaped)',
        observer: 'local (control API, Lambda/CloudWatch/CodeDeploy-shaped)',
        controller: 'local (control API)',
        dependencies: target.dependencies ? `${target.dependencies.provider} services of this run` : 'none',
      }),
      [Symbol.asyncDispose]: () => client.close(),
    };
    return adapters;
  },
};
