import type { Viewer } from '@storegraph/graphql-kit';
import type { SearchService } from '../domain/search.js';
import type { SuggestionService } from '../domain/suggestions.js';
import type { SearchMetrics } from './search-metrics.js';

export interface SearchContext {
  /** Optional while a server wires only `suggestions`: the search resolver then uses its engine. */
  search?: SearchService;
  suggestions: SuggestionService;
  viewer: Viewer | null;
  /** Business counters; absent where a test builds a context by hand. */
  metrics?: SearchMetrics;
}
