import type { ProductsContext } from '../graphql/context.js';
import type { CatalogAdminService } from './catalog-admin.service.js';

/** What a server adds to each request's context for the admin mutations. */
export interface AdminContextPart {
  /** Absent only in a server built without the admin module; its mutations then fail. */
  admin?: CatalogAdminService;
}

export type AdminContext = ProductsContext & AdminContextPart;

export function adminOf(ctx: AdminContext): CatalogAdminService {
  if (!ctx.admin) throw new Error('the catalog admin module is not wired into this server');
  return ctx.admin;
}
