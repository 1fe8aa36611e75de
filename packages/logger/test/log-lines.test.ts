import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// createLogger cannot be handed a destination stream (pino takes it as a second
// argument, which is not exposed), so each test runs a script in a child process
// against the package's build and reads the lines it writes to stdout.
const distUrl = new URL('../dist/index.js', import.meta.url);

let dir: string;
let scripts = 0;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(distUrl))) {
    throw new Error('packages/logger/dist is missing: build it with `npx tsc -p .` in packages/logger');
  }
  dir = await mkdtemp(path.join(tmpdir(), 'sg-logger-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Output {
  raw: string;
  lines: Array<Record<string, any>>;
}

async function logOutput(body: string, vars: Record<string, string> = {}): Promise<Output> {
  scripts += 1;
  const script = path.join(dir, `script-${scripts}.mjs`);
  await writeFile(script, `import { createLogger, withRequestScope } from ${JSON.stringify(distUrl.href)};\n${body}\n`);
  const raw = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [script],
      { env: { PATH: process.env.PATH, ...vars }, timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`log script failed: ${stderr}`));
        else resolve(stdout);
      },
    );
  });
  const lines = raw
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, any>);
  return { raw, lines };
}

describe('createLogger', () => {
  it('writes one JSON line per event in ECS fields: service.name, log.level, message, @timestamp', async () => {
    const { lines } = await logOutput(`
      const log = createLogger('orders');
      log.info({ orderId: 42 }, 'order placed');
      log.warn('stock low');
    `);
    expect(lines).toHaveLength(2);
    const [placed, low] = lines;
    expect(placed).toMatchObject({
      'service.name': 'orders',
      'log.level': 'info',
      message: 'order placed',
      orderId: 42,
      'ecs.version': '8.11.0',
    });
    expect(low).toMatchObject({ 'service.name': 'orders', 'log.level': 'warn', message: 'stock low' });
    for (const line of lines) {
      const at = line['@timestamp'];
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(at).toISOString()).toBe(at);
      expect(Math.abs(Date.now() - Date.parse(at))).toBeLessThan(60_000);
      for (const legacy of ['msg', 'time', 'level', 'service', 'requestId', 'http.request.id', 'trace.id']) {
        expect(line[legacy], legacy).toBeUndefined();
      }
    }
  });

  it('honours the level option, then LOG_LEVEL, defaulting to info', async () => {
    const body = `
      createLogger('a').debug('debug from env level');
      createLogger('a').info('info from env level');
      createLogger('b', { level: 'error' }).warn('warn below option level');
      createLogger('b', { level: 'error' }).error('error at option level');
    `;
    const withEnv = await logOutput(body, { LOG_LEVEL: 'debug' });
    expect(withEnv.lines.map((l) => l.message)).toEqual([
      'debug from env level',
      'info from env level',
      'error at option level',
    ]);
    const withoutEnv = await logOutput(body);
    expect(withoutEnv.lines.map((l) => l.message)).toEqual(['info from env level', 'error at option level']);
  });

  it('adds the request id to every line logged inside withRequestScope, including after an await', async () => {
    const { lines } = await logOutput(`
      const log = createLogger('cart');
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      log.info('before scope');
      const handle = (requestId, delay) => withRequestScope({ requestId }, async () => {
        log.info('start ' + requestId);
        await sleep(delay);
        log.child({ step: 'after-await' }).info('resumed ' + requestId);
        await Promise.resolve();
        log.error(new Error('boom'), 'failed ' + requestId);
      });
      await Promise.all([handle('req-aaaa-0001', 30), handle('req-bbbb-0002', 5)]);
      log.info('after scope');
    `);
    const byMessage = new Map(lines.map((l) => [l.message as string, l]));
    expect(byMessage.get('before scope')?.['http.request.id']).toBeUndefined();
    expect(byMessage.get('after scope')?.['http.request.id']).toBeUndefined();
    for (const id of ['req-aaaa-0001', 'req-bbbb-0002']) {
      for (const message of [`start ${id}`, `resumed ${id}`, `failed ${id}`]) {
        expect(byMessage.get(message)?.['http.request.id'], message).toBe(id);
      }
    }
    expect(byMessage.get('resumed req-aaaa-0001')?.step).toBe('after-await');
    // Errors as ECS error.* fields.
    const failed = byMessage.get('failed req-aaaa-0001');
    expect(failed).toMatchObject({ 'log.level': 'error', 'error.type': 'Error', 'error.message': 'boom' });
    expect(failed?.['error.stack_trace']).toMatch(/^Error: boom\n\s+at /);
    expect(failed?.err).toBeUndefined();
  });

  it('redacts passwords, tokens and authorization/cookie headers', async () => {
    const secrets = {
      password: 'secret-pw-top-level',
      userPassword: 'secret-pw-nested',
      currentPassword: 'secret-current-pw',
      newPassword: 'secret-new-pw',
      token: 'secret-token-value',
      accessToken: 'secret-access-token',
      refreshToken: 'secret-refresh-token',
      authorization: 'Bearer secret-bearer-value',
      cookie: 'sid=secret-cookie-value',
      gqlPassword: 'secret-gql-variable-pw',
      childPassword: 'secret-child-logger-pw',
    };
    const { raw, lines } = await logOutput(`
      const s = ${JSON.stringify(secrets)};
      const log = createLogger('users');
      log.info({ password: s.password, email: 'a@example.com' }, 'signup');
      log.info({ user: { password: s.userPassword, id: 7 } }, 'nested');
      log.info({ input: { currentPassword: s.currentPassword, newPassword: s.newPassword } }, 'change password');
      log.info({ token: s.token, session: { accessToken: s.accessToken, refreshToken: s.refreshToken } }, 'tokens');
      log.info({ req: { method: 'POST', headers: { authorization: s.authorization, cookie: s.cookie, host: 'shop.test' } } }, 'req');
      log.info({ headers: { authorization: s.authorization, cookie: s.cookie } }, 'headers');
      log.info({ variables: { input: { password: s.gqlPassword, email: 'b@example.com' } } }, 'graphql');
      log.child({ module: 'auth' }).info({ password: s.childPassword }, 'child');
    `);
    expect(lines).toHaveLength(8);
    for (const [name, value] of Object.entries(secrets)) {
      expect(raw, name).not.toContain(value.replace(/^Bearer /, ''));
    }
    const byMessage = new Map(lines.map((l) => [l.message as string, l]));
    expect(byMessage.get('signup')).toMatchObject({ password: '[redacted]', email: 'a@example.com' });
    expect(byMessage.get('nested')?.user).toEqual({ password: '[redacted]', id: 7 });
    expect(byMessage.get('req')?.req.headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      host: 'shop.test',
    });
    expect(byMessage.get('graphql')?.variables.input).toEqual({ password: '[redacted]', email: 'b@example.com' });
  });
});
