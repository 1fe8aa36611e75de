import { badUserInput } from '@storegraph/graphql-kit';

export interface Suggestion {
  text: string;
  productId: string | null;
}

export interface SuggestionIndex {
  /** Titles whose start, or the start of one of whose words, matches `prefix` (accents and case folded). */
  titlesStartingWith(prefix: string, limit: number): Promise<Suggestion[]>;
  ping(): Promise<void>;
}

export const MAX_SUGGESTIONS = 20;
export const MAX_PREFIX_LENGTH = 100;

export class SuggestionService {
  constructor(private readonly index: SuggestionIndex) {}

  async suggest(prefix: string, limit: number | null | undefined): Promise<Suggestion[]> {
    const wanted = limit ?? 8;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_SUGGESTIONS) {
      throw badUserInput(`limit must be between 1 and ${MAX_SUGGESTIONS}.`, ['limit']);
    }
    const cleaned = prefix.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (cleaned.length > MAX_PREFIX_LENGTH) {
      throw badUserInput(`prefix must be at most ${MAX_PREFIX_LENGTH} characters.`, ['prefix']);
    }
    if (cleaned.length === 0) return [];
    return this.index.titlesStartingWith(cleaned, wanted);
  }
}
