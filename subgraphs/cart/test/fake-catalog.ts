import { randomUUID } from 'node:crypto';
import type { CatalogPort, VariantOffer } from '../src/domain/cart.js';

/** The products subgraph's answers, set by each test (the e2e suite uses the real one). */
export class FakeCatalog implements CatalogPort {
  readonly byId = new Map<string, VariantOffer>();
  calls = 0;

  /** A variant on sale, with its id. */
  add(priceMinor: number, quantityAvailable: number, currencyCode = 'USD'): string {
    const variantId = randomUUID();
    this.byId.set(variantId, { variantId, priceMinor, currencyCode, quantityAvailable, discontinued: false });
    return variantId;
  }

  set(variantId: string, change: Partial<VariantOffer>): void {
    this.byId.set(variantId, { ...(this.byId.get(variantId) as VariantOffer), ...change });
  }

  async offers(ids: readonly string[]): Promise<Map<string, VariantOffer>> {
    this.calls += 1;
    return new Map(ids.flatMap((id) => (this.byId.has(id) ? [[id, this.byId.get(id) as VariantOffer]] : [])));
  }
}
