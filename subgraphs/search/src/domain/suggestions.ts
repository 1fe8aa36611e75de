import { badUserInput } from '@storegraph/graphql-kit';
import { normalizeText } from '../engine/query-text.js';
import { MAX_PREFIX_LENGTH, MAX_SUGGESTIONS, type SearchEngine } from '../engine/search-engine.js';

export { MAX_PREFIX_LENGTH, MAX_SUGGESTIONS };

export interface Suggestion {
  text: string;
  /** Set when the suggestion is a product. */
  productId: string | null;
}

export class SuggestionService {
  /** The engine is public so the search resolver can reach it while a server wires only this service. */
  constructor(readonly engine: SearchEngine) {}

  async suggest(prefix: string, limit: number | null | undefined): Promise<Suggestion[]> {
    const wanted = limit ?? 8;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_SUGGESTIONS) {
      throw badUserInput(`limit must be between 1 and ${MAX_SUGGESTIONS}.`, ['limit']);
    }
    const cleaned = normalizeText(prefix);
    if (cleaned.length > MAX_PREFIX_LENGTH) {
      throw badUserInput(`prefix must be at most ${MAX_PREFIX_LENGTH} characters.`, ['prefix']);
    }
    if (cleaned.length === 0) return [];
    const hits = await this.engine.suggest(cleaned, wanted);
    return hits.map((h) => ({ text: h.text, productId: h.productId }));
  }
}
