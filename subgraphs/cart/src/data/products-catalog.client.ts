import { internalCallHeaders } from '@storegraph/auth';
import { parseDecimalToMinor, serviceUnavailable } from '@storegraph/graphql-kit';
import { acceptRequestId, currentRequestId, type Logger } from '@storegraph/logger';
import { httpRequest } from '@storegraph/service';
import type { CatalogPort, VariantOffer } from '../domain/cart.js';

const OFFERS_QUERY = `query CartVariantOffers($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ProductVariant { id quantityAvailable discontinued price { amount currencyCode } }
  }
}`;

interface OfferEntity {
  id: string;
  quantityAvailable: number;
  discontinued: boolean;
  price: { amount: string; currencyCode: string };
}

/**
 * Asks the products subgraph for many variants in one `_entities` call, straight to
 * the subgraph (signed as internal), which is how it can read `discontinued`: a field
 * kept out of the public API with @inaccessible.
 */
export class ProductsCatalogClient implements CatalogPort {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    /** Signs each call as internal; the products subgraph refuses unsigned ones. */
    private readonly internalSecret: string,
  ) {}

  async offers(variantIds: readonly string[]): Promise<Map<string, VariantOffer>> {
    const offers = new Map<string, VariantOffer>();
    if (variantIds.length === 0) return offers;
    let body: { data?: { _entities?: Array<OfferEntity | null> }; errors?: unknown[] };
    try {
      const res = await httpRequest(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...internalCallHeaders(this.internalSecret, {
            requestId: acceptRequestId(currentRequestId()),
            clientIp: '',
            authorization: undefined,
          }),
        },
        body: JSON.stringify({
          query: OFFERS_QUERY,
          variables: { representations: variantIds.map((id) => ({ __typename: 'ProductVariant', id })) },
        }),
        timeoutMs: this.timeoutMs,
      });
      if (res.status < 200 || res.status >= 300) throw new Error(`products answered HTTP ${res.status}`);
      body = JSON.parse(res.body) as typeof body;
    } catch (error) {
      this.logger.error({ err: error }, 'catalog lookup failed');
      throw serviceUnavailable('The catalog is unavailable right now; please retry shortly.');
    }
    if (body.errors?.length) {
      this.logger.error({ errors: body.errors }, 'catalog lookup returned errors');
      throw serviceUnavailable('The catalog is unavailable right now; please retry shortly.');
    }
    for (const entity of body.data?._entities ?? []) {
      if (!entity) continue;
      const priceMinor = parseDecimalToMinor(entity.price.amount, entity.price.currencyCode);
      if (priceMinor === null) continue;
      offers.set(entity.id, {
        variantId: entity.id,
        priceMinor,
        currencyCode: entity.price.currencyCode,
        quantityAvailable: entity.quantityAvailable,
        discontinued: entity.discontinued,
      });
    }
    return offers;
  }
}
