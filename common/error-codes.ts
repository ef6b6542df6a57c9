/**
 * Every error the harness stops with on purpose, by its stable code: the exit code it ends
 * the process with and the fix in one line (the thrown message names the field and the
 * value; this says what to do, and docs/errors.md lists it). A code not in this table does
 * not type-check, so one cause cannot grow a second name.
 *
 * Exit codes: 2 = the input needs fixing (usage, configuration, a missing tool or secret,
 * a target set up wrongly); 1 = something that was started failed on the way.
 */
interface ErrorCodeEntry {
  readonly exitCode: 1 | 2;
  readonly fix: string;
}

const input = (fix: string): ErrorCodeEntry => ({ exitCode: 2, fix });
const failure = (fix: string): ErrorCodeEntry => ({ exitCode: 1, fix });

export const ERROR_CODES = {
  // Command line and configuration
  USAGE: input('correct the command line; --help lists the commands and options'),
  INVALID_CONFIG: input('fix the hasivu-verify config file (or HARNESS_CONFIG_FILE) at the field the message names'),
  UNKNOWN_PROFILE: input('pass --env with one of the profiles the message lists'),
  INVALID_PROFILE: input('fix the profile field or environment variable the message names'),
  MISSING_CREDENTIALS: input('set HARNESS_USER_PASSWORD to the password of the account the profile logs in as'),
  INVALID_FUZZ_SETTING: input('set the variable to a positive integer, or unset it for the default'),
  RUNNER_UNAVAILABLE: input('use a suite this version has (run --help)'),
  STAGE_SETUP: input('fix the set-up problem printed for the stage; the other stages were scored'),
  CORRUPT_RESULT_FILE: input('delete the named result file and run its suite again'),
  REPORTS_DIR_LOCKED: input('wait for the other run to finish, or point the reports directory elsewhere'),
  REPORTS_DIR_UNWRITABLE: input('point the reports directory at a writable directory'),
  RELEASE_DIGEST: input('pass --release-digest sha256:<hex> (or HARNESS_RELEASE_DIGEST), or set target.baseUrl'),
  // Evidence signing
  INVALID_SIGNING_KEY: input(
    'give an ECDSA P-256 private key (PEM) or a KMS key id; docs/evidence.md shows how to make one',
  ),
  KMS_KEY: input(
    'use an asymmetric ECC_NIST_P256 SIGN_VERIFY KMS key, a known region, and allow the kms: action named',
  ),
  // Services the harness starts or reaches
  NO_SERVICE_PROVIDER: input(
    'set DATABASE_URL and REDIS_URL, install postgresql and redis-server, or start a Docker engine',
  ),
  INVALID_HARNESS_SERVICES: input('set HARNESS_SERVICES to one of the providers this build has, or unset it'),
  INVALID_SERVICE_URL: input('set DATABASE_URL / REDIS_URL to a URL of the scheme shown'),
  EXTERNAL_SERVICE_NOT_CONTROLLABLE: input(
    'use HARNESS_SERVICES=native or testcontainers for drills that restart dependencies',
  ),
  INVALID_CONTAINER_SETTINGS: input('fix the Testcontainers variable named (docs/services.md)'),
  DOCKER_UNAVAILABLE: input('start a Docker engine, or set HARNESS_SERVICES=native'),
  RYUK_UNAVAILABLE: input('set TESTCONTAINERS_RYUK_DISABLED=true; the harness removes its containers itself'),
  CONTAINER_IMAGE_UNAVAILABLE: input(
    'build the offline images (scripts/build-offline-images.sh) and set the image variable named',
  ),
  CONTAINER_IMAGE_PULL_FAILED: input('set HARNESS_PULL_POLICY=missing to use the local copy'),
  CONTAINER_START_FAILED: input(
    'use an image that behaves like the official one, or raise HARNESS_CONTAINER_STARTUP_TIMEOUT_MS',
  ),
  CONTAINER_NOT_ANSWERING: input(
    'read "docker logs <id>"; if the server is only slow, raise HARNESS_CONTAINER_STARTUP_TIMEOUT_MS',
  ),
  CONTAINER_EXITED: input('read the container log printed with the error and fix the image or its settings'),
  CONTAINER_CLEANUP_FAILED: input("remove the run's containers with the docker rm command printed"),
  NATIVE_POSTGRES_INITDB_FAILED: input('read the initdb output printed; check the postgresql install and disk space'),
  NATIVE_POSTGRES_EXITED: input('read the postgres output printed; check the postgresql install'),
  NATIVE_REDIS_EXITED: input('read the redis-server output printed; check the redis install'),
  // The reference platform
  INVALID_PLATFORM_CONFIG: input('fix the platform environment variable named'),
  INVALID_PORT: input('give a port number from 0 to 65535 (0 picks a free one)'),
  PORT_IN_USE: input('pick another port with --port or PORT (0 picks a free one), or stop what listens there'),
  PORT_UNAVAILABLE: input('use a port above 1023 on 127.0.0.1 via --port or PORT'),
  DATABASE_UNREACHABLE: input('start Postgres at DATABASE_URL, correct it, or unset DATABASE_URL and REDIS_URL'),
  DATABASE_REFUSED: input('correct the credentials or database in DATABASE_URL'),
  REDIS_UNREACHABLE: input('start Redis at REDIS_URL, correct it, or unset DATABASE_URL and REDIS_URL'),
  MIGRATION_BAD_NAME: input('name the migration NNN_snake_case.sql'),
  MIGRATION_CHANGED: input('restore the applied migration and put the change in a new one, or drop the database'),
  PLATFORM_EXITED: input('read the platform output printed with the error'),
  PLATFORM_START_TIMEOUT: input('read the platform output printed; a slow machine may need a longer start deadline'),
  // Contracts
  INVALID_PACT: input('run the consumer tests (npm run test:contract) to generate the pact again'),
  PACT_NOT_REPLACEABLE: input('make the pact file and its directory writable, then run the contract stage again'),
  INVALID_STATES_HOOK: input(
    'point HARNESS_CONTRACT_STATES at a module exporting the provider states (docs/contract.md)',
  ),
  INVALID_BROKER_CONFIG: input('fix the PACT_BROKER_* settings named'),
  // Load
  K6_NOT_FOUND: input('install k6 or put it on PATH (scripts/bootstrap.sh does)'),
  LOAD_NOT_ALLOWED: input('load only a target whose profile allows it, or give the override the message names'),
  LOAD_CLOUD_UNAVAILABLE: input('fix the --cloud settings named'),
  LOAD_BUNDLE_FAILED: input(
    'k6 scenarios may import only k6 modules and plain TypeScript; fix the import esbuild names',
  ),
  LOAD_BUNDLE_TOO_LARGE: input("trim the scenario's imports so the bundle fits a ConfigMap"),
  // Chaos drills
  INVALID_DRILL: input('fix the drill file at the problems listed'),
  CHAOS_NOT_ALLOWED: input('drill only a target whose profile allows it, or give the override the message names'),
  NO_DRILL_ADAPTER: input("give the harness a way to reach the target's release controls (docs/chaos.md)"),
  NO_CLEANUP_INJECTOR: input('give --cleanup a reachable fault injector (credentials or a control URL)'),
  DRILL_TARGET: input("check the drill's function and alias exist on the target"),
  TARGET_LOGIN: input('check HARNESS_USER_PASSWORD for the account the drill traffic logs in as'),
  TARGET_DATA: input('seed the target with the demo parent, a student and an available menu item'),
  NO_PG_TOOLS: input('install the postgresql client (scripts/bootstrap.sh does) or put its bin directory on PATH'),
  DB_URL: input('give a database URL that names a database'),
  DB_BACKUP: failure('read the pg_dump output printed'),
  DB_RESTORE: failure('read the pg_restore output printed'),
  // Chaos drills on AWS
  NO_AWS_BLOCK: input('emit templates for a profile with an aws block (--env staging)'),
  AWS_PREFLIGHT: input('fix the AWS set-up problems listed; nothing was injected'),
  AWS_CREDENTIALS: input('set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY to a valid identity'),
  AWS_ACCESS_DENIED: input('allow the IAM action named (docs/chaos-aws.md lists every action a drill needs)'),
  AWS_THROTTLED: failure("retry later or raise the account's API rate quota"),
  AWS_RELEASE_BEHAVIOUR: input('release behaviours exist only on the reference platform; drop it from the AWS drill'),
  DEPLOYMENT_GROUP_ALARM: failure('resolve the alarms named before the drill deploys'),
  CANARY_CODE_DIFFERS: input('deploy $LATEST first, or pass --canary-from-latest to drill that build on purpose'),
  CANARY_CODE_CHANGED: failure('$LATEST changed while the drill published; run the drill again'),
  CANARY_IS_LIVE: failure('the published version is the live one; check nothing else publishes the function'),
  CANARY_MARKER: failure('read the Lambda update status printed; retry once the function settles'),
  LAMBDA_NO_ALIAS_VERSION: input('point the alias at a published version'),
  LAMBDA_NO_VERSION: failure('retry; Lambda returned no version for the publish'),
  CODEDEPLOY_NO_DEPLOYMENT: failure('read the CodeDeploy console for the deployment; retry'),
  FIS_NO_TEMPLATE: failure('retry; FIS created no experiment template'),
  FIS_NO_EXPERIMENT: failure('retry; FIS returned no experiment'),
  FIS_NO_CANARY: input('target the canary qualifier; experiments touch only a version the drill published'),
  FIS_NO_DEPENDENCY: input('name the dependency in the profile (aws.dependencies) so FIS can reach it'),
  FIS_TEMPLATE_TOO_WIDE: input(
    'create the template from --emit fis-template, whose targets carry the canary qualifier',
  ),
  INVALID_FIS_TEMPLATE: input('fix the template fields FIS would refuse, listed in the message'),
  FIS_EXPERIMENT_TIMEOUT: failure("the drill's rollbacks stopped the experiment; check FIS for why it ran long"),
  FIS_DEPENDENCY_FAILED: failure('read the FIS experiment reason printed'),
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
