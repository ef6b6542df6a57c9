import { parseCommandLine } from '../common/command-line.ts';
import { ownSignals } from '../common/exit-cleanup.ts';
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import type { StartedServices } from '../fixtures/services/started-services.ts';
import type { StartedPlatform } from './start-platform.ts';

const USAGE = `Usage: npm run platform [-- --port <n>]

Starts Postgres and Redis (DATABASE_URL/REDIS_URL, or local servers), then the
reference HASIVU platform on 127.0.0.1, and prints "listening on <url>".
Stop it with Ctrl-C (SIGINT), SIGTERM or SIGHUP; everything it started is stopped.

Options:
  --port <n>   Port to listen on (default: PORT, else 0 = any free port)
  --help       Show this help

Environment: PORT, DATABASE_URL, REDIS_URL, HARNESS_SERVICES, and the HASIVU_*
settings described in docs/platform.md.`;

/** Past this, a stop that hangs is abandoned rather than leaving the terminal stuck. */
const STOP_DEADLINE_MS = 15_000;

function parsePort(value: string, source: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new HarnessError(
      'INVALID_PORT',
      `${source} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

function readCommandLine(argv: string[], env: NodeJS.ProcessEnv): { help: boolean; port: number } {
  const { values } = parseCommandLine(
    argv,
    { port: { type: 'string' }, help: { type: 'boolean' } },
    'npm run platform [-- --port <n>] (--help for more)',
  );
  if (values.port !== undefined) return { help: values.help ?? false, port: parsePort(values.port, '--port') };
  return { help: values.help ?? false, port: env.PORT ? parsePort(env.PORT, 'PORT') : 0 };
}

async function main(): Promise<void> {
  const { help, port } = readCommandLine(process.argv.slice(2), process.env);
  if (help) {
    console.log(USAGE);
    return;
  }
  let services: StartedServices | undefined;
  let platform: StartedPlatform | undefined;
  const starting = (async () => {
    // Loaded only now: --help and usage errors answer without loading the database and container clients.
    const [{ startServices }, { startPlatform }] = await Promise.all([
      import('../fixtures/services/resolve-services.ts'),
      import('./start-platform.ts'),
    ]);
    services = await startServices({ log: (line) => console.error(line) });
    platform = await startPlatform({
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      port,
      env: process.env,
      services: { postgres: services.postgres, redis: services.redis },
    });
    return platform;
  })();
  let stopping: Promise<void> | undefined;
  // A signal during start-up lets start-up finish first: half-started services would otherwise be orphaned.
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await starting.catch(() => undefined);
      await platform?.close();
      await services?.dispose();
    })());

  // SIGHUP too: closing the terminal should stop the servers, not orphan them. Owned for the
  // process's lifetime: its handler stops everything and exits.
  ownSignals();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      setTimeout(() => {
        console.error(`error: stopping took longer than ${STOP_DEADLINE_MS} ms; exiting anyway`);
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`error: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    });
  }

  let started: StartedPlatform;
  try {
    started = await starting;
  } catch (error) {
    await stop();
    throw error;
  }
  console.error(
    `platform: demo parent ${started.demoParent.email}; control API under /_control/ (x-admin-token = HASIVU_ADMIN_TOKEN)`,
  );
  console.log(`listening on ${started.url}`);
}

main().catch((error: unknown) => {
  if (isHarnessError(error)) {
    // One line the user acts on; the stack of a usage or config error helps nobody.
    console.error(`error: ${error.message.replaceAll('\n', ' ')}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
