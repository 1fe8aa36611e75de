import { PostgresSearchEngine } from '../engine/postgres-search-engine.js';

/**
 * The Postgres search engine under the name the composition root has used for
 * suggestions; new code should construct PostgresSearchEngine directly.
 */
export class PostgresSuggestionIndex extends PostgresSearchEngine {}
