import type { Viewer } from '@storegraph/graphql-kit';
import DataLoader from 'dataloader';
import type { CatalogPort, VariantOffer } from '../domain/cart.js';
import type { CartService } from '../domain/cart.service.js';
import type { CartMetrics } from './cart-metrics.js';

export interface CartContext {
  viewer: Viewer | null;
  carts: CartService;
  defaultCurrency: string;
  /** Live price and stock per variant: every line of every cart in a request, in one catalog call. */
  offers: DataLoader<string, VariantOffer | null>;
  /** Business counters; absent where a test builds a context by hand. */
  metrics?: CartMetrics;
}

export function createContext(deps: {
  viewer: Viewer | null;
  carts: CartService;
  catalog: CatalogPort;
  defaultCurrency: string;
  metrics?: CartMetrics;
}): CartContext {
  return {
    metrics: deps.metrics,
    viewer: deps.viewer,
    carts: deps.carts,
    defaultCurrency: deps.defaultCurrency,
    offers: new DataLoader(async (ids) => {
      const offers = await deps.catalog.offers(ids);
      return ids.map((id) => offers.get(id) ?? null);
    }),
  };
}
