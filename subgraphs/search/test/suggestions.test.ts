import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { createSearchServer } from '../src/server.js';
import { DELETED_ID, loadCatalog } from './documents.js';

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

const texts = (res: any): string[] => res.data.searchSuggestions.map((s: { text: string }) => s.text);

beforeAll(async () => {
  await loadCatalog(prisma);
  const service = await createSearchServer({ logger: silentLogger(), prisma });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('searchSuggestions', () => {
  it('completes product titles, whole-title prefixes first, by popularity, never deleted ones', async () => {
    const res = await suggest('wirel');
    expect(texts(res)).toEqual(['Wireless Headphones', 'Wireless Earbuds', 'Wireless Party Speaker', 'Wireless Mouse']);
    expect(res.data.searchSuggestions[0].product.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(res)).not.toContain(DELETED_ID);
  });

  it('suggests categories and brands (without a product) before products matching by a word', async () => {
    const head = await suggest('head');
    expect(texts(head)).toEqual(['Headphones', 'Wireless Headphones', 'Studio Headphones Pro', 'Kids Headphones']);
    expect(head.data.searchSuggestions[0].product).toBeNull();
    expect(head.data.searchSuggestions[1].product).not.toBeNull();

    const coffee = await suggest('coffee');
    expect(texts(coffee)).toEqual(['Coffee Makers', 'Drip Coffee Machine', 'Pour Over Coffee Set']);

    const son = await suggest('Son');
    expect(son.data.searchSuggestions).toEqual([{ text: 'Sonora', product: null }]);
    expect(texts(await suggest('atel'))).toEqual(['Crème Atelier']);
  });

  it('folds case and accents', async () => {
    expect(texts(await suggest('CAFE'))).toEqual(['Café Espresso Maker']);
    expect(texts(await suggest('creme'))).toEqual(['Crème Atelier', 'Crème Brûlée Torch']);
  });

  it('treats LIKE wildcards and query syntax in the prefix literally', async () => {
    for (const prefix of ['%', '_', '\\', "' OR 1=1--", ':*', 'a & | !', '(a+)+$']) {
      const res = await suggest(prefix);
      expect(res.errors, prefix).toBeUndefined();
      expect(res.data.searchSuggestions, prefix).toEqual([]);
    }
  });

  it('honours the limit and rejects limits and prefixes out of range', async () => {
    expect((await suggest('w', 1)).data.searchSuggestions).toHaveLength(1);
    expect((await suggest('s', 20)).data.searchSuggestions.length).toBeLessThanOrEqual(20);
    expect((await suggest('w', 0)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await suggest('w', 21)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await suggest('x'.repeat(101))).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers an empty prefix with nothing', async () => {
    expect((await suggest('   ')).data.searchSuggestions).toEqual([]);
  });
});
