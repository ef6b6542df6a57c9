import { createServer } from 'node:http';
import { listenOnLoopback } from '../../common/loopback-server.ts';
import type { SnsAlarmNotification } from '../../common/aws-shapes/cloudwatch.ts';

/** What one notification said: the alarm, its new state, and when it arrived. */
export interface ReceivedNotification {
  alarmName: string;
  newState: string;
  receivedAt: string;
  subject: string;
}

export interface NotificationReceiver extends AsyncDisposable {
  url: string;
  readonly received: readonly ReceivedNotification[];
  close(): Promise<void>;
}

/** More than any SNS alarm message; a bigger body is refused, not buffered. */
const MAX_BODY_BYTES = 64 * 1024;
/** A drill sees a handful of state changes; anything beyond this is noise. */
const MAX_KEPT = 200;

/**
 * An HTTP endpoint on 127.0.0.1 that takes SNS-shaped alarm notifications (CloudWatch's JSON in
 * `Message`), as the seeds' email and Slack subscribers would, and keeps what each one said.
 */
export async function startNotificationReceiver(): Promise<NotificationReceiver> {
  const received: ReceivedNotification[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (req.method !== 'POST' || size > MAX_BODY_BYTES) {
        res.writeHead(size > MAX_BODY_BYTES ? 413 : 405).end();
        return;
      }
      try {
        const note = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SnsAlarmNotification;
        const message = JSON.parse(note.Message) as { AlarmName?: string; NewStateValue?: string };
        if (received.length < MAX_KEPT && message.AlarmName && message.NewStateValue) {
          received.push({
            alarmName: message.AlarmName,
            newState: message.NewStateValue,
            receivedAt: new Date().toISOString(),
            subject: note.Subject,
          });
        }
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: `${origin}/alarm-notifications`, received, close, [Symbol.asyncDispose]: close };
}
