import type { Viewer } from '@storegraph/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import {
  ADMIN,
  CREATE,
  CUSTOMER,
  DELETE,
  gql,
  INVENTORY_SET,
  outbox,
  PRICE_SET,
  resetAdminCatalog,
  startAdminServer,
  type TestAdminServer,
  teeInput,
  UPDATE,
} from './admin-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let server: TestAdminServer;
let productId: string;
let variantId: string;

/** Everything a mutation could have written. */
const snapshot = async () => ({
  products: await prisma.product.findMany({ orderBy: { id: 'asc' } }),
  variants: await prisma.productVariant.findMany({ orderBy: { id: 'asc' } }),
  events: await outbox(prisma),
});

beforeAll(async () => {
  await resetAdminCatalog(prisma);
  server = await startAdminServer(prisma);
  const created = await gql(server.url, CREATE, { input: teeInput() }, ADMIN);
  productId = created.data.productCreate.product.id;
  variantId = created.data.productCreate.product.variants[0].id;
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

describe('admin mutations are for ADMIN only', () => {
  const mutations: Array<[string, string, () => Record<string, unknown>]> = [
    [
      'productCreate',
      CREATE,
      () => ({
        input: teeInput({
          slug: 'sneaky-tee',
          variants: teeInput().variants.map((v) => ({ ...v, sku: `X-${v.sku}` })),
        }),
      }),
    ],
    ['productUpdate', UPDATE, () => ({ id: productId, input: { title: 'Hacked' } })],
    ['inventorySet', INVENTORY_SET, () => ({ variantId, quantityOnHand: 999 })],
    ['variantPriceSet', PRICE_SET, () => ({ variantId, price: '0.01' })],
    ['productDelete', DELETE, () => ({ id: productId })],
  ];
  const viewers: Array<[string, Viewer | undefined, string]> = [
    ['a guest', undefined, 'UNAUTHENTICATED'],
    ['a customer', CUSTOMER, 'FORBIDDEN'],
  ];

  for (const [viewerName, viewer, code] of viewers) {
    it.each(mutations)(`refuses %s to ${viewerName} with ${code}, writing nothing`, async (name, query, variables) => {
      const before = await snapshot();
      const result = await gql(server.url, query, variables(), viewer);
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ path: [name], extensions: { code } });
      expect(await snapshot()).toEqual(before);
    });
  }

  it('lets an ADMIN run the same mutations', async () => {
    const before = (await outbox(prisma)).length;
    for (const [name, query, variables] of mutations) {
      const result = await gql(server.url, query, variables(), ADMIN);
      expect(result.errors, name).toBeUndefined();
      expect(result.data[name].userErrors, name).toEqual([]);
    }
    expect((await outbox(prisma)).length).toBe(before + mutations.length);
  });
});
