import { type Authenticate, type Viewer } from '@storegraph/graphql-kit';
import { createHttpService, mountGraphQL } from '@storegraph/service';
import { silentLogger } from '@storegraph/testkit';
import { type AdminContext, createCatalogAdmin } from '../src/admin/index.js';
import { PrismaCatalogReader } from '../src/data/catalog.repository.js';
import type { PrismaClient } from '../src/data/prisma-client.js';
import { CatalogService } from '../src/domain/catalog.service.js';
import { createContext } from '../src/graphql/context.js';
import { buildProductsSchema } from '../src/schema.js';
import { resetCatalog } from './catalog-fixture.js';

export const MEDIA_BASE_URL = 'http://media.test';

export const ADMIN: Viewer = { userId: 'admin-1', role: 'ADMIN', scopes: [] };
export const CUSTOMER: Viewer = { userId: 'customer-1', role: 'CUSTOMER', scopes: [] };

/** Test identity: the viewer named by the x-test-viewer header. */
const authenticate: Authenticate = async (headers) =>
  headers['x-test-viewer'] ? (JSON.parse(String(headers['x-test-viewer'])) as Viewer) : null;

export interface TestAdminServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * What server.ts will do once it wires the admin module, built here so the tests
 * run now: the catalog resolvers plus ADMIN_RESOLVERS, and `ctx.admin`.
 */
export async function startAdminServer(prisma: PrismaClient): Promise<TestAdminServer> {
  const logger = silentLogger();
  const reader = new PrismaCatalogReader(prisma);
  const catalog = new CatalogService(reader);
  const admin = createCatalogAdmin(prisma);
  const schema = await buildProductsSchema();
  const service = createHttpService({ name: 'products', logger });
  await mountGraphQL<AdminContext>(service, logger, {
    apollo: { schema, introspection: true },
    context: async (req) => ({
      ...createContext(
        { reader, catalog, logger, mediaBaseUrl: MEDIA_BASE_URL },
        req.requestId,
        await authenticate(req.headers),
      ),
      admin,
    }),
  });
  const { url } = await service.listen(0);
  return { url, stop: () => service.stop() };
}

/** Posts one GraphQL operation as `viewer` (a guest when absent); the JSON answer, untyped as tests read it. */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, viewer?: Viewer) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (viewer) headers['x-test-viewer'] = JSON.stringify(viewer);
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as any;
}

/** The fixture catalog (categories apparel > tops > shirts, footwear; brands acme, globex), no events. */
export async function resetAdminCatalog(prisma: PrismaClient): Promise<void> {
  await resetCatalog(prisma, []);
  await prisma.$executeRawUnsafe('TRUNCATE outbox_events');
}

export interface OutboxRow {
  type: string;
  aggregateId: string;
  change: string | null;
}

/** The outbox, oldest first, with each ProductUpsertedV1's change. */
export async function outbox(prisma: PrismaClient): Promise<OutboxRow[]> {
  const rows = await prisma.outboxEvent.findMany({ orderBy: { occurredAt: 'asc' } });
  return rows.map((r) => ({
    type: r.type,
    aggregateId: r.aggregateId,
    change: (r.payload as { change?: string }).change ?? null,
  }));
}

export const PRODUCT_FIELDS = `
  id slug title description
  brand { slug } category { slug }
  images { url altText }
  options { name values }
  attributes { name value }
  priceRange { min { amount currencyCode } max { amount currencyCode } }
  availableForSale
  variants {
    id sku title price { amount currencyCode } compareAtPrice { amount currencyCode }
    selectedOptions { name value } quantityAvailable availableForSale
  }`;

export const CREATE = `mutation($input: ProductInput!) {
  productCreate(input: $input) { product { ${PRODUCT_FIELDS} } userErrors { field message code } }
}`;

export const UPDATE = `mutation($id: ID!, $input: ProductUpdateInput!) {
  productUpdate(id: $id, input: $input) { product { ${PRODUCT_FIELDS} } userErrors { field message code } }
}`;

export const DELETE = `mutation($id: ID!) {
  productDelete(id: $id) { product { id slug availableForSale } userErrors { field message code } }
}`;

export const INVENTORY_SET = `mutation($variantId: ID!, $quantityOnHand: Int!) {
  inventorySet(variantId: $variantId, quantityOnHand: $quantityOnHand) {
    variant { id sku quantityAvailable availableForSale product { priceRange { min { amount } max { amount } } } }
    userErrors { field message code }
  }
}`;

export const PRICE_SET = `mutation($variantId: ID!, $price: String!) {
  variantPriceSet(variantId: $variantId, price: $price) {
    variant { id sku price { amount currencyCode } compareAtPrice { amount }
      product { priceRange { min { amount } max { amount } } } }
    userErrors { field message code }
  }
}`;

/** A valid ProductInput: three sizes of a tee, overridable. */
export function teeInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'heavy-tee',
    title: 'Heavy Tee',
    description: 'A heavyweight cotton tee.',
    brandSlug: 'acme',
    categorySlug: 'tops',
    currencyCode: 'USD',
    imageUrls: ['/products/heavy-tee/1.svg', 'https://cdn.example.com/tee.jpg'],
    attributes: [{ name: 'material', value: 'cotton' }],
    variants: [
      {
        sku: 'HT-S-BLK',
        title: 'S / Black',
        price: '25.00',
        compareAtPrice: '30',
        quantityOnHand: 0,
        selectedOptions: [
          { name: 'Size', value: 'S' },
          { name: 'Color', value: 'Black' },
        ],
      },
      {
        sku: 'HT-M-BLK',
        title: 'M / Black',
        price: '19.5',
        quantityOnHand: 4,
        selectedOptions: [
          { name: 'Size', value: 'M' },
          { name: 'Color', value: 'Black' },
        ],
      },
      {
        sku: 'HT-M-WHT',
        title: 'M / White',
        price: '27.99',
        quantityOnHand: 2,
        selectedOptions: [
          { name: 'Color', value: 'White' },
          { name: 'Size', value: 'M' },
        ],
      },
    ],
    ...overrides,
  };
}
