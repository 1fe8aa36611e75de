import type { Suggestion, SuggestionIndex } from '../domain/suggestions.js';
import type { PrismaClient } from './prisma-client.js';

/** LIKE treats % and _ as wildcards; a user's text must match literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PostgresSuggestionIndex implements SuggestionIndex {
  constructor(private readonly prisma: PrismaClient) {}

  async titlesStartingWith(prefix: string, limit: number): Promise<Suggestion[]> {
    const pattern = escapeLike(prefix);
    // The first branch uses the text_pattern_ops index, the second the trigram index.
    const rows = await this.prisma.$queryRaw<Array<{ product_id: string; title: string }>>`
      SELECT product_id, title
      FROM search_documents
      WHERE search_fold(title) LIKE search_fold(${pattern}) || '%'
         OR search_fold(title) LIKE '% ' || search_fold(${pattern}) || '%'
      ORDER BY (search_fold(title) LIKE search_fold(${pattern}) || '%') DESC, popularity DESC, title
      LIMIT ${limit}`;
    return rows.map((r) => ({ text: r.title, productId: r.product_id }));
  }

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
