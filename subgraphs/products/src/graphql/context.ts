import type { Viewer } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import type { CatalogAdminService } from '../admin/index.js';
import type { CatalogReader } from '../domain/catalog.records.js';
import type { CatalogService } from '../domain/catalog.service.js';
import { type CatalogLoaders, createLoaders } from './loaders.js';

export interface ProductsContext {
  requestId: string;
  viewer: Viewer | null;
  logger: Logger;
  catalog: CatalogService;
  loaders: CatalogLoaders;
  mediaBaseUrl: string;
  /** The ADMIN catalog mutations (they check the viewer themselves). */
  admin?: CatalogAdminService;
}

export interface ProductsContextDeps {
  reader: CatalogReader;
  catalog: CatalogService;
  logger: Logger;
  mediaBaseUrl: string;
  admin?: CatalogAdminService;
}

export function createContext(deps: ProductsContextDeps, requestId: string, viewer: Viewer | null): ProductsContext {
  return {
    requestId,
    viewer,
    logger: deps.logger.child({ requestId }),
    catalog: deps.catalog,
    loaders: createLoaders(deps.reader),
    mediaBaseUrl: deps.mediaBaseUrl,
    admin: deps.admin,
  };
}
