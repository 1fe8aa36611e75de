import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A child process cannot load TypeScript here, so it imports the package's build.
const distUrl = new URL('../dist/index.js', import.meta.url);

let dir: string;
let script: string;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(distUrl))) {
    throw new Error('packages/config/dist is missing: build it with `npx tsc -p .` in packages/config');
  }
  dir = await mkdtemp(path.join(tmpdir(), 'sg-config-'));
  script = path.join(dir, 'entry.mjs');
  await writeFile(
    script,
    [
      `import { env, loadConfig, z } from ${JSON.stringify(distUrl.href)};`,
      `const config = loadConfig('checkout', z.object({ PORT: env.port(4004), DATABASE_URL: env.postgresUrl(), DEBUG_SQL: env.boolean(false) }));`,
      'process.stdout.write(JSON.stringify(config));',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runEntry(vars: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script],
      { env: { PATH: process.env.PATH, ...vars }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

describe('loadConfig', () => {
  it('returns the parsed config when the environment is good', async () => {
    const result = await runEntry({ PORT: '9001', DATABASE_URL: 'postgres://127.0.0.1/checkout' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      PORT: 9001,
      DATABASE_URL: 'postgres://127.0.0.1/checkout',
      DEBUG_SQL: false,
    });
  });

  it('prints every problem and exits with status 78 without running on', async () => {
    const password = 'Pa55-w0rd-never-printed';
    const result = await runEntry({
      PORT: '99999',
      DATABASE_URL: `mysql://shop:${password}@db.internal/checkout`,
      DEBUG_SQL: 'maybe',
    });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('checkout: invalid configuration');
    for (const name of ['PORT', 'DATABASE_URL', 'DEBUG_SQL']) {
      expect(result.stderr).toMatch(new RegExp(`^  - ${name}: `, 'm'));
    }
    expect(result.stderr).not.toContain(password);
  });
});
