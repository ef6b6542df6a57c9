import { HarnessError } from '../../../common/harness-error.ts';
import type { AlarmSubscriber } from '../../ports/alarm-subscriber.ts';

/**
 * Alert delivery on AWS is an SNS subscription of an HTTPS endpoint SNS can reach. The
 * drill's receiver listens on loopback and the SNS client is not a dependency of this
 * project, so a drill that waits for a notification is refused before anything is injected,
 * with what to do instead (docs/chaos-aws.md, "Limits").
 */
export const awsAlarmSubscriber: AlarmSubscriber = {
  name: 'aws',
  subscribe(alarmName) {
    return Promise.reject(
      new HarnessError(
        'AWS_ALERT_SUBSCRIPTION',
        `the drill waits for a notification of "${alarmName}", but on AWS that needs an SNS subscription of a public HTTPS endpoint, ` +
          'which a loopback receiver is not; nothing was injected. Prove alerting on AWS from the alarm history ' +
          '(aws cloudwatch describe-alarm-history --history-item-type Action) or run the drill without its alarm-notification step.',
      ),
    );
  },
};
