import { GetAliasCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { describe, expect, test } from 'vitest';
import { awsError, NO_WAIT_RETRY } from '../test-support/no-network.ts';
import { awsSenders } from './aws-call.ts';

/** An SDK client's `send` that fails with each of `errors` in turn, then answers. */
function flakyClient(errors: Error[]) {
  const sent: unknown[] = [];
  return {
    sent,
    send(command: { input: object }) {
      sent.push(command.input);
      const error = errors.shift();
      return error ? Promise.reject(error) : Promise.resolve({ FunctionVersion: '3' });
    },
  };
}

const unavailable = () => awsError('ServiceUnavailableException', 'try later', { $fault: 'server' });

describe('the AWS senders: every call named by IAM action and resource, retried as its kind says', () => {
  test('once: a transient failure after the SDK attempts is reported at once, naming action and resource', async () => {
    const client = flakyClient([unavailable()]);
    const { once } = awsSenders(client, { retry: NO_WAIT_RETRY });
    const call = once(
      'lambda:GetAlias',
      'alias orders:live',
      new GetAliasCommand({ FunctionName: 'orders', Name: 'live' }),
      undefined,
    );
    await expect(call).rejects.toThrow(
      'AWS lambda:GetAlias on alias orders:live failed: ServiceUnavailableException: try later',
    );
    expect(client.sent).toEqual([{ FunctionName: 'orders', Name: 'live' }]);
  });

  test('persistent: transient failures are retried up to the policy, and the answer is the SDK output', async () => {
    const client = flakyClient([unavailable(), unavailable()]);
    const { persistent } = awsSenders(client, { retry: NO_WAIT_RETRY });
    const answer = await persistent(
      'lambda:UpdateAlias',
      'alias orders:live',
      new UpdateAliasCommand({ FunctionName: 'orders', Name: 'live' }),
      undefined,
    );
    expect(answer).toEqual({ FunctionVersion: '3' });
    expect(client.sent).toHaveLength(3);

    const exhausted = flakyClient([unavailable(), unavailable(), unavailable()]);
    const call = awsSenders(exhausted, { retry: NO_WAIT_RETRY }).persistent(
      'lambda:UpdateAlias',
      'alias orders:live',
      new UpdateAliasCommand({ FunctionName: 'orders', Name: 'live' }),
      undefined,
    );
    await expect(call).rejects.toThrow(/AWS lambda:UpdateAlias on alias orders:live failed/);
    expect(exhausted.sent).toHaveLength(NO_WAIT_RETRY.maxAttempts);
  });

  test('access denied names the IAM permission to grant, on either sender, without retrying', async () => {
    const client = flakyClient([
      awsError('AccessDeniedException', 'not authorized'),
      awsError('AccessDeniedException'),
    ]);
    const { persistent } = awsSenders(client, { retry: NO_WAIT_RETRY });
    const denied = persistent(
      'lambda:GetAlias',
      'alias orders:live',
      new GetAliasCommand({ FunctionName: 'orders', Name: 'live' }),
      undefined,
    );
    await expect(denied).rejects.toMatchObject({ code: 'AWS_ACCESS_DENIED' });
    await expect(denied).rejects.toThrow('lacks the IAM permission "lambda:GetAlias"');
    expect(client.sent).toHaveLength(1);
  });
});
