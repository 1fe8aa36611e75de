import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The infra/ directory. */
export const infraDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(infraDir, '..');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd = infraDir): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message} (see infra/README.md)`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function requireTool(command: string, hint: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${command} is not installed: ${hint}`);
}

/** Renders a kustomization with kubectl's built-in kustomize (kubectl, or Debian's kubernetes-client). */
export function kustomize(dir: string): string {
  requireTool('kubectl', 'apt-get install kubernetes-client (.ci/run does)');
  const out = run('kubectl', ['kustomize', path.join(infraDir, dir)]);
  if (out.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${out.stderr}`);
  return out.stdout;
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
