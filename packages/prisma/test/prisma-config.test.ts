import { afterEach, describe, expect, it } from 'vitest';
import { storegraphPrismaConfig } from '../src/index.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const variable = 'STOREGRAPH_PRISMA_CONFIG_TEST_URL';

afterEach(() => {
  delete process.env[variable];
});

describe('storegraphPrismaConfig', () => {
  it('selects the JavaScript schema engine over the adapter, with the default schema path', () => {
    const config = storegraphPrismaConfig();
    expect(config.engine).toBe('js');
    expect(config.experimental).toEqual({ adapter: true });
    expect(config.schema).toBe('prisma/schema.prisma');
    expect(storegraphPrismaConfig({ schema: 'db/schema.prisma' }).schema).toBe('db/schema.prisma');
  });

  it('names the missing URL variable', async () => {
    await expect(storegraphPrismaConfig({ urlVariable: variable }).adapter()).rejects.toThrow(
      `${variable} must be set for Prisma's migration commands`,
    );
  });

  it('builds a working adapter factory from the URL variable', async () => {
    process.env[variable] = serverUrl;
    const factory = await storegraphPrismaConfig({ urlVariable: variable }).adapter();
    expect(typeof factory.connectToShadowDb).toBe('function');
    const adapter = await factory.connect();
    try {
      const result = await adapter.queryRaw({ sql: 'SELECT 40 + 2 AS answer', args: [], argTypes: [] });
      expect(result.rows).toEqual([[42]]);
    } finally {
      await adapter.dispose();
    }
  });
});
