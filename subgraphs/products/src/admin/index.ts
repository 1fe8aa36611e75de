/**
 * Catalog admin mutations (productCreate, productUpdate, productDelete,
 * inventorySet, variantPriceSet), ADMIN only.
 *
 * Wiring, for the composition root:
 * - context: every request's context carries `admin: CatalogAdminService`
 *   (see `AdminContextPart`): add `admin?: CatalogAdminService` to ProductsContext
 *   and pass `createCatalogAdmin(prisma)` through createContext;
 * - schema: add `...ADMIN_RESOLVERS` to the resolvers of buildProductsSchema.
 */
import { PrismaCatalogReader } from '../data/catalog.repository.js';
import type { PrismaClient } from '../data/prisma-client.js';
import { PrismaCatalogAdminStore } from './catalog-admin.repository.js';
import { CatalogAdminResolver } from './catalog-admin.resolver.js';
import { CatalogAdminService } from './catalog-admin.service.js';

export { type AdminContext, type AdminContextPart, adminOf } from './admin.context.js';
export { CatalogAdminService, type ProductOutcome, type VariantOutcome } from './catalog-admin.service.js';

export const ADMIN_RESOLVERS: [typeof CatalogAdminResolver] = [CatalogAdminResolver];

export function createCatalogAdmin(prisma: PrismaClient): CatalogAdminService {
  return new CatalogAdminService(new PrismaCatalogAdminStore(prisma), new PrismaCatalogReader(prisma));
}
