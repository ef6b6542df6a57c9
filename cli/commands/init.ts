import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseCommandLine } from '../../common/command-line.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { POST_DEPLOY_WORKFLOW, STARTER_CONFIG, STARTER_SCRIPTS } from '../init/starter-files.ts';
import { commandHelp, INIT_USAGE } from '../usage.ts';

const INIT_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  force: { type: 'boolean' },
} as const;

const CONFIG_FILE = 'hasivu-verify.config.ts';
const WORKFLOW_FILE = join('.github', 'workflows', 'hasivu-post-deploy-smoke.yml');

type Log = (line: string) => void;

/** Writes one file unless it exists (or --force); says which. */
async function writeStarter(root: string, path: string, content: string, force: boolean, log: Log): Promise<void> {
  const absolute = join(root, path);
  if (existsSync(absolute) && !force) {
    log(`  kept     ${path} (exists; --force replaces it)`);
    return;
  }
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, content);
  log(`  wrote    ${path}`);
}

/** Adds the scripts package.json lacks; one it has keeps its command unless --force. */
async function addScripts(root: string, force: boolean, log: Log): Promise<void> {
  const path = join(root, 'package.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new HarnessError(
      'USAGE',
      `init: no package.json in ${root}; run \`npm init -y\` and \`npm i -D hasivu-verify\` there first`,
    );
  }
  let manifest: { scripts?: Record<string, string> } & Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch (error) {
    throw new HarnessError(
      'USAGE',
      `init: ${path} is not valid JSON (${(error as Error).message}); fix it, then run init again`,
    );
  }
  const scripts = { ...manifest.scripts };
  const added: string[] = [];
  for (const [name, command] of Object.entries(STARTER_SCRIPTS)) {
    if (scripts[name] !== undefined && scripts[name] !== command && !force) {
      log(`  kept     script ${name} (exists; --force replaces it)`);
      continue;
    }
    if (scripts[name] !== command) added.push(name);
    scripts[name] = command;
  }
  if (added.length === 0) return;
  // Keeps the file's own indentation, so the diff is the scripts and nothing else.
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  await writeFileAtomic(path, `${JSON.stringify({ ...manifest, scripts }, null, indent)}\n`);
  log(`  scripts  ${added.join(', ')}`);
}

/**
 * `init`: a starter config, the post-deploy workflow and npm scripts in the repository of the
 * working directory (where package.json is). Nothing that exists is changed without --force.
 */
export async function initCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, INIT_OPTIONS, INIT_USAGE);
  if (values.help === true) {
    process.stdout.write(commandHelp(INIT_USAGE));
    return 0;
  }
  const force = values.force === true;
  const root = process.cwd();
  const log: Log = (line) => process.stdout.write(`${line}\n`);
  log(`hasivu-verify init in ${root}`);
  await addScripts(root, force, log);
  await writeStarter(root, CONFIG_FILE, STARTER_CONFIG, force, log);
  await writeStarter(root, WORKFLOW_FILE, POST_DEPLOY_WORKFLOW, force, log);
  log(`next: set the base URLs in ${CONFIG_FILE}, then \`npm run test:smoke:staging\` (docs/installing.md)`);
  return 0;
}
