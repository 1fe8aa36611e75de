import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Supergraph } from './supergraph.js';

export const CART_FIELDS =
  'id totalQuantity updatedAt subtotal { amount currencyCode } lines { id quantity variant { id sku } unitPrice { amount currencyCode } lineTotal { amount } }';
const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message }`;

export const CART_OPS = {
  create: `mutation($lines: [CartLineInput!]) { cartCreate(lines: $lines) { ${PAYLOAD} } }`,
  add: `mutation($cartId: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $cartId, lines: $lines) { ${PAYLOAD} } }`,
  update: `mutation($cartId: ID!, $lines: [CartLineUpdateInput!]!) { cartLinesUpdate(cartId: $cartId, lines: $lines) { ${PAYLOAD} } }`,
  remove: `mutation($cartId: ID!, $lineIds: [ID!]!) { cartLinesRemove(cartId: $cartId, lineIds: $lineIds) { ${PAYLOAD} } }`,
  merge: `mutation($id: ID!) { cartMerge(guestCartId: $id) { ${PAYLOAD} } }`,
  read: `query($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`,
  mine: `{ me { id cart { ${CART_FIELDS} } } }`,
};

/** The payload of a cart mutation, failing the test on a GraphQL error. */
export async function cartMutation(
  sg: Supergraph,
  op: keyof typeof CART_OPS,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<any> {
  const res = await sg.gql(CART_OPS[op], variables, headers);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data)[0];
}

/** A product of its own with variants at these prices (decimal strings) and stock, created as an admin does. */
export async function productWithVariants(
  sg: Supergraph,
  admin: Record<string, string>,
  variants: Array<{ price: string; stock: number }>,
  currencyCode = 'USD',
): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const category = await sg.prisma.products.category.findFirstOrThrow({
    where: { children: { none: {} } },
    orderBy: { slug: 'asc' },
  });
  const res = await sg.gql(
    'mutation($i: ProductInput!) { productCreate(input: $i) { product { variants { id sku } } userErrors { code field } } }',
    {
      i: {
        slug: `cart-e2e-${tag}`,
        title: `Cart test ${tag}`,
        description: 'For cart tests.',
        categorySlug: category.slug,
        currencyCode,
        variants: variants.map((v, i) => ({
          sku: `CART-${tag}-${i}`,
          title: `V${i}`,
          price: v.price,
          selectedOptions: [{ name: 'Size', value: `S${i}` }],
          quantityOnHand: v.stock,
        })),
      },
    },
    admin,
  );
  expect(res.data.productCreate.userErrors).toEqual([]);
  const created: Array<{ id: string; sku: string }> = res.data.productCreate.product.variants;
  return variants.map((_, i) => created.find((v) => v.sku === `CART-${tag}-${i}`)?.id as string);
}

/** A customer the users service knows (so `me` answers), with bearer headers. */
export async function customer(sg: Supergraph): Promise<{ id: string; headers: Record<string, string> }> {
  const id = randomUUID();
  await sg.prisma.users.user.create({
    data: { id, email: `${id}@example.com`, name: 'Cart Tester', passwordHash: 'unused-in-this-test' },
  });
  return { id, headers: await sg.bearer(id) };
}
