import { randomUUID } from 'node:crypto';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { createSearchServer } from '../src/server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let url: string;
let stop: () => Promise<void>;

async function suggest(prefix: string, limit?: number) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($p: String!, $l: Int) { searchSuggestions(prefix: $p, limit: $l) { text product { id } } }',
      variables: { p: prefix, l: limit },
    }),
  });
  return (await res.json()) as any;
}

const titles = [
  'Café Espresso Maker',
  'Wireless Headphones',
  'Wireless Mouse',
  'Studio Wireless Speaker',
  '100% Cotton Tee',
  '100 Pack Sticky Notes',
];

beforeAll(async () => {
  await prisma.searchDocument.createMany({
    data: titles.map((title, i) => ({
      productId: randomUUID(),
      slug: `p-${i}`,
      title,
      categoryPath: 'Any',
      description: title,
      currencyCode: 'USD',
      priceMinMinor: 100,
      priceMaxMinor: 100,
      inStock: true,
      popularity: i === 2 ? 50 : i,
    })),
  });
  const service = await createSearchServer({ logger: silentLogger(), prisma });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('searchSuggestions', () => {
  it('suggests titles starting with the prefix first, then titles with a word starting with it', async () => {
    const res = await suggest('wirel');
    expect(res.data.searchSuggestions.map((s: any) => s.text)).toEqual([
      'Wireless Mouse',
      'Wireless Headphones',
      'Studio Wireless Speaker',
    ]);
    expect(res.data.searchSuggestions[0].product.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('folds case and accents', async () => {
    expect((await suggest('CAFE')).data.searchSuggestions.map((s: any) => s.text)).toEqual(['Café Espresso Maker']);
  });

  it('treats LIKE wildcards in the prefix literally', async () => {
    expect((await suggest('100%')).data.searchSuggestions.map((s: any) => s.text)).toEqual(['100% Cotton Tee']);
    expect((await suggest('_')).data.searchSuggestions).toEqual([]);
  });

  it('honours the limit and rejects limits out of range', async () => {
    expect((await suggest('w', 1)).data.searchSuggestions).toHaveLength(1);
    expect((await suggest('w', 0)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await suggest('w', 21)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await suggest('x'.repeat(101))).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers an empty prefix with nothing', async () => {
    expect((await suggest('   ')).data.searchSuggestions).toEqual([]);
  });
});
