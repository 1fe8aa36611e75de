// Runs before anything is installed, so it uses Node's built-ins only: checks Node,
// installs the pinned pnpm when it is missing, installs dependencies and builds.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.4.2';

function say(message) {
  process.stdout.write(`\u001b[36m▸\u001b[0m ${message}\n`);
}

function run(command, args, { quiet = false, env = {} } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', ...env },
    encoding: 'utf8',
  });
  if (result.error?.code === 'ENOENT') return { ok: false, missing: true, output: '' };
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function fail(message) {
  process.stderr.write(`\u001b[31m✖\u001b[0m ${message}\n`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Storegraph needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  }
}

export function ensurePnpm() {
  const current = run('pnpm', ['--version'], { quiet: true });
  if (current.ok && current.output.trim() === PNPM_VERSION) return;
  say(`installing pnpm ${PNPM_VERSION}${current.ok ? ` (found ${current.output.trim()})` : ''}`);
  const installed = run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], { quiet: true });
  if (!installed.ok) fail(`could not install pnpm ${PNPM_VERSION}: ${installed.output.trim().split('\n').at(-1)}`);
}

/** pnpm install (a no-op in about a second when nothing changed), then a cached turbo build. */
export function installAndBuild({ quiet = true } = {}) {
  checkNode();
  ensurePnpm();
  say('installing dependencies');
  // node-gyp builds against the headers of the Node that runs it (pnpm ignores npm's nodedir).
  const nodedir = process.env.npm_config_nodedir ?? path.resolve(path.dirname(process.execPath), '..');
  const install = run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    quiet,
    env: { npm_config_nodedir: nodedir },
  });
  if (!install.ok) fail(`pnpm install failed:\n${install.output}`);
  say('building');
  const build = run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { quiet });
  if (!build.ok) fail(`build failed:\n${build.output}`);
}
