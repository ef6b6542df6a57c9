import type { TestProject } from 'vitest/node';
import { registerSecret } from '../../common/redact.ts';
import { redactUrl } from '../../fixtures/services/external-provider.ts';
import { startServices } from '../../fixtures/services/resolve-services.ts';
import type { StartedServices } from '../../fixtures/services/started-services.ts';
import './integration-context.ts';
import { startPlatformProcess } from './platform-process.ts';
import { startServiceControlServer } from '../../fixtures/services/service-control/service-control-server.ts';
import { recordSetupFailure } from './setup-failure.ts';

function log(line: string): void {
  console.error(`integration ${line}`);
}

/** The Testcontainers provider labels its containers with a run id; saying it lets anyone find them. */
function runLabel(services: StartedServices): string {
  const runId = (services as { runId?: unknown }).runId;
  return typeof runId === 'string' ? ` (containers labelled hasivu-verify.run=${runId})` : '';
}

/**
 * Starts Postgres, Redis and a reference platform (in a process of its own) for the integration
 * project alone, whatever the CLI's target is: these tests stop and restart the services, which
 * nobody else may share.
 * The provider is chosen like everywhere else (startServices: external, testcontainers, native,
 * or HARNESS_SERVICES). Everything started is stopped again on teardown, or at once if a later
 * step fails; on Ctrl-C the providers' exit cleanups remove containers and temp dirs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    await using stack = new AsyncDisposableStack();
    const services = stack.use(await startServices({ log: (line) => log(line) }));
    const platform = stack.use(
      await startPlatformProcess({
        databaseUrl: services.postgres.url,
        redisUrl: services.redis.url,
        log: (line) => log(`platform: ${line.replace(/^platform: /, '')}`),
      }),
    );
    const control = stack.use(await startServiceControlServer(services, platform));
    [platform.demoParent.password, control.token].forEach(registerSecret);
    log(
      `services: ${services.provider}${runLabel(services)}: Postgres ${redactUrl(services.postgres.url)}, ` +
        `Redis ${services.redis.url}; platform ${platform.url} (pid ${platform.pid})`,
    );
    // The integration result names the platform these suites tested, not the CLI's target.
    process.env.HARNESS_INTEGRATION_TARGET = platform.url;
    project.provide('integration', {
      provider: services.provider,
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      platformUrl: platform.url,
      platformPid: platform.pid,
      demoParent: platform.demoParent,
      control: { url: control.url, token: control.token },
    });
    // Reverse order on teardown: control endpoint, platform, then the services under it.
    const resources = stack.move();
    return () => resources.disposeAsync();
  } catch (error) {
    recordSetupFailure(error);
    throw error;
  }
}
