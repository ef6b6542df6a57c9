import { parseArgs } from 'node:util';
import { HarnessError, isHarnessError } from '../../common/harness-error.ts';
import { redact } from '../../common/redact.ts';
import { PROVIDER_NAME } from '../contract-names.ts';
import { resolveBrokerConfig } from './broker-config.ts';
import { recordDeployment } from './record-deployment.ts';

/**
 * `npm run contract:record-deployment -- --environment production [--version 1.2.3]`:
 * run after a promotion, so the broker knows which platform version each environment
 * runs and later can-i-deploy answers check against it. Exit 0 recorded, 1 the broker
 * refused, 2 a usage or configuration error.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      environment: { type: 'string' },
      version: { type: 'string' },
      pacticipant: { type: 'string', default: PROVIDER_NAME },
      'application-instance': { type: 'string' },
    },
  });
  if (!values.environment)
    throw new HarnessError('USAGE', 'record-deployment needs --environment <name of the broker environment>');
  const broker = await resolveBrokerConfig(process.env, values.environment);
  if (!broker)
    throw new HarnessError(
      'USAGE',
      'record-deployment needs a broker: set PACT_BROKER_BASE_URL (and PACT_BROKER_TOKEN)',
    );
  const version = values.version ?? broker.providerVersion;
  if (!version)
    throw new HarnessError(
      'USAGE',
      'record-deployment needs the deployed version: --version <v> or PACT_PROVIDER_VERSION',
    );
  await recordDeployment(broker, {
    pacticipant: values.pacticipant,
    version,
    environment: values.environment,
    ...(values['application-instance'] ? { applicationInstance: values['application-instance'] } : {}),
  });
  console.log(`recorded deployment of ${values.pacticipant} ${version} to ${values.environment} in ${broker.url}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${redact(error instanceof Error ? error.message : String(error))}`);
    process.exitCode = isHarnessError(error) ? error.exitCode : 1;
  },
);
