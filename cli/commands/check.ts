import { lockDirectory } from '../../common/dir-lock.ts';
import { assertWritableDir } from '../../common/writable-dir.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseCommandLine } from '../../common/command-line.ts';
import { COMMON_OPTIONS } from '../command-options.ts';
import { CHECK_USAGE, commandHelp } from '../usage.ts';
import { runDescription, scoreAndGate } from './command-steps.ts';
import { evidenceDir } from './evidence-dirs.ts';
import { evidenceVerifier, loadSigner, prepareAttesting, RELEASE_DIGEST_ENV } from './evidence-steps.ts';
import { logLine } from '../console-log.ts';

const CHECK_OPTIONS = {
  ...COMMON_OPTIONS,
  results: { type: 'string', multiple: true },
  history: { type: 'string' },
  'verify-with': { type: 'string' },
  'release-digest': { type: 'string' },
} as const;

/** `check`: the gate over results already written (e.g. by earlier CI jobs, downloaded as artifacts). */
export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, CHECK_OPTIONS, CHECK_USAGE);
  if (values.help === true) {
    process.stdout.write(commandHelp(CHECK_USAGE));
    return 0;
  }
  const evidenceDirs = await Promise.all((values.results ?? []).map(evidenceDir));
  const environment = resolveProfile({ name: values.env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  // Held to the end: a second run on the same directory is refused, never interleaved.
  using _lock = await lockDirectory(environment.reportsDir, runDescription(), 'HARNESS_REPORTS_DIR');
  const signer = await loadSigner(environment.profile);
  if (values['release-digest']) process.env[RELEASE_DIGEST_ENV] = values['release-digest'];
  const verifyWith = values['verify-with'] ?? process.env.HARNESS_VERIFY_WITH;
  const verifier = verifyWith
    ? await evidenceVerifier(verifyWith, environment.profile, environment.profile.target.baseUrl)
    : undefined;
  if (!verifier && environment.profile.evidence.requireSignature) {
    logLine(
      `evidence not verified: ${environment.profile.name} requires signed evidence; pass --verify-with KEY to verify it`,
    );
  }
  return await scoreAndGate(
    environment.reportsDir,
    environment.profile,
    {
      ...(evidenceDirs.length > 0 ? { evidenceDirs } : {}),
      ...(values.history ? { historyDir: values.history } : {}),
      ...(verifier ? { verifier } : {}),
    },
    await prepareAttesting(environment.profile, '', signer),
  );
}
