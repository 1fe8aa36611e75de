import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Supergraph } from './supergraph.js';

export const ORDER = `id number status email subtotal { amount currencyCode } shipping { amount } tax { amount } total { amount }
  lines { title sku quantity unitPrice { amount } lineTotal { amount } variant { id sku } }
  shippingAddress { country region } payment { provider status amount { amount } } createdAt`;

export const CHECKOUT = `mutation($i: CheckoutInput!) { checkout(input: $i) { order { ${ORDER} } orderToken userErrors { code field message } } }`;
export const READ = `query($id: ID!, $t: String) { order(id: $id, orderToken: $t) { ${ORDER} } }`;

export const address = (country = 'US', region: string | null = 'CA') => ({
  name: 'Ada Lovelace',
  line1: '1 Analytical Way',
  city: 'Springfield',
  region,
  postalCode: '90210',
  country,
});

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

type Variant = { id: string; sku: string };
/** The created variants, in the order asked for (tests ask for at most three). */
type Variants = Variant[] & Record<0 | 1 | 2, Variant>;

/** A product with variants of the given stock and prices, created by an admin through the router. */
export async function createProduct(
  sg: Supergraph,
  admin: Record<string, string>,
  variants: Array<{ price: string; stock: number }>,
): Promise<Variants> {
  const tag = randomBytes(4).toString('hex');
  // A category of their own, so that other suites (search counts its categories exactly) never see them.
  const category = await sg.prisma.products.category.upsert({
    where: { slug: 'e2e-checkout-fixtures' },
    create: { slug: 'e2e-checkout-fixtures', name: 'Checkout fixtures' },
    update: {},
  });
  const res = await sg.gql(
    `mutation($i: ProductInput!) { productCreate(input: $i) { product { variants { id sku } } userErrors { code field } } }`,
    {
      i: {
        slug: `checkout-${tag}`,
        title: `Checkout Fixture ${tag}`,
        description: 'A product for checkout tests.',
        categorySlug: category.slug,
        currencyCode: 'USD',
        variants: variants.map((v, i) => ({
          sku: `CL-${tag}-${i}`,
          title: `Size ${i}`,
          price: v.price,
          selectedOptions: [{ name: 'Size', value: String(i) }],
          quantityOnHand: v.stock,
        })),
      },
    },
    admin,
  );
  expect(res.data?.productCreate?.userErrors).toEqual([]);
  return res.data.productCreate.product.variants;
}

export async function cartWith(
  sg: Supergraph,
  lines: Array<{ variantId: string; quantity: number }>,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await sg.gql(
    `mutation($l: [CartLineInput!]) { cartCreate(lines: $l) { cart { id } userErrors { code } } }`,
    { l: lines },
    headers,
  );
  expect(res.data?.cartCreate?.userErrors).toEqual([]);
  return res.data.cartCreate.cart.id;
}

/** Stock on hand minus reserved, as the catalog holds it. */
export async function available(sg: Supergraph, variantId: string): Promise<number> {
  const row = await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: variantId } });
  return row.quantityOnHand - row.quantityReserved;
}

export async function onHand(sg: Supergraph, variantId: string): Promise<number> {
  return (await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: variantId } })).quantityOnHand;
}

export const guestInput = (cartId: string, token = 'tok_visa', extra: Record<string, unknown> = {}) => ({
  cartId,
  email: `guest-${randomUUID().slice(0, 8)}@example.com`,
  shippingAddress: address(),
  paymentProvider: 'TEST',
  idempotencyKey: `key-${randomUUID()}`,
  testPaymentToken: token,
  ...extra,
});
