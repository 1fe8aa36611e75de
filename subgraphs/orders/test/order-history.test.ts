import { randomUUID } from 'node:crypto';
import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { createOrdersServer } from '../src/server.js';
import { unavailablePorts } from './unavailable-ports.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const authenticate: Authenticate = async (headers) =>
  headers['x-test-viewer'] ? (JSON.parse(String(headers['x-test-viewer'])) as Viewer) : null;
const customer = randomUUID();
const other = randomUUID();
let url: string;
let stop: () => Promise<void>;

const ordersOf = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  orders(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { number status email subtotal { amount } shipping { amount } tax { amount } total { amount currencyCode }
      shippingAddress { id name city country isDefault } lines { sku quantity unitPrice { amount } lineTotal { amount } variant { id } } } } } } }`;

async function gql(variables: Record<string, unknown>, viewer: Viewer | null) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(viewer ? { 'x-test-viewer': JSON.stringify(viewer) } : {}) },
    body: JSON.stringify({ query: ordersOf, variables }),
  });
  return (await res.json()) as any;
}

const address = {
  name: 'Ada',
  line1: '1 Main St',
  line2: null,
  city: 'London',
  region: null,
  postalCode: 'N1',
  country: 'GB',
  phone: null,
};

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    await prisma.order.create({
      data: {
        customerId: customer,
        email: 'ada@example.com',
        status: i === 0 ? 'FULFILLED' : 'PAID',
        currencyCode: 'USD',
        subtotalMinor: 1000 * (i + 1),
        shippingMinor: 499,
        taxMinor: 80,
        totalMinor: 1000 * (i + 1) + 579,
        shippingAddress: address,
        createdAt: new Date(Date.UTC(2026, 5, 1 + i)),
        lines: {
          create: [
            {
              variantId: randomUUID(),
              title: `Thing ${i}`,
              sku: `SKU-${i}`,
              quantity: i + 1,
              unitPriceMinor: 1000,
              lineTotalMinor: 1000 * (i + 1),
            },
          ],
        },
      },
    });
  }
  const service = await createOrdersServer({
    logger: silentLogger(),
    prisma,
    authenticate,
    ...unavailablePorts,
    providers: [],
    orderTokenSecret: 'order-token-secret-for-tests-0123456789',
  });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('User.orders', () => {
  const me: Viewer = { userId: customer, role: 'CUSTOMER', scopes: [] };
  const r = [{ __typename: 'User', id: customer }];

  it('pages a customer’s orders newest first with snapshots and money', async () => {
    const first = await gql({ r, first: 2 }, me);
    expect(first.errors).toBeUndefined();
    const page = first.data._entities[0].orders;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.nodes.map((n: any) => n.subtotal.amount)).toEqual(['30.00', '20.00']);
    expect(page.nodes[0]).toMatchObject({
      number: expect.stringMatching(/^SG-\d{6}$/),
      status: 'PAID',
      total: { amount: '35.79', currencyCode: 'USD' },
      shippingAddress: { city: 'London', country: 'GB', isDefault: false },
      lines: [{ sku: 'SKU-2', quantity: 3, unitPrice: { amount: '10.00' }, lineTotal: { amount: '30.00' } }],
    });
    const next = await gql({ r, first: 2, after: page.pageInfo.endCursor }, me);
    const rest = next.data._entities[0].orders;
    expect(rest.nodes.map((n: any) => n.status)).toEqual(['FULFILLED']);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('is an empty connection for a customer without orders', async () => {
    const res = await gql({ r: [{ __typename: 'User', id: other }] }, { userId: other, role: 'CUSTOMER', scopes: [] });
    expect(res.data._entities[0].orders).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('is forbidden to other customers and guests, allowed to admins', async () => {
    const stranger = await gql({ r }, { userId: other, role: 'CUSTOMER', scopes: [] });
    expect(stranger.errors[0].extensions.code).toBe('FORBIDDEN');
    const guest = await gql({ r }, null);
    expect(guest.errors[0].extensions.code).toBe('FORBIDDEN');
    const admin = await gql({ r }, { userId: other, role: 'ADMIN', scopes: [] });
    expect(admin.data._entities[0].orders.totalCount).toBe(3);
  });

  it('refuses a page size above 100 and a forged cursor', async () => {
    expect((await gql({ r, first: 101 }, me)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql({ r, after: 'WyJub3QtYS1kYXRlIiwieCJd' }, me)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('keeps totals consistent in the database', async () => {
    await expect(
      prisma.order.create({
        data: {
          customerId: customer,
          email: 'x@example.com',
          currencyCode: 'USD',
          subtotalMinor: 100,
          shippingMinor: 0,
          taxMinor: 0,
          totalMinor: 99,
          shippingAddress: address,
        },
      }),
    ).rejects.toThrow();
  });
});
