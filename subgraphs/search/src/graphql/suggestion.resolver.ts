import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { SearchContext } from './context.js';
import { SearchSuggestion, SuggestionArgs } from './search.types.js';

export type { SearchContext } from './context.js';
export { Product } from './search.types.js';

@Resolver()
export class SuggestionResolver {
  @Query(() => [SearchSuggestion])
  async searchSuggestions(
    @Args(() => SuggestionArgs) args: SuggestionArgs,
    @Ctx() ctx: SearchContext,
  ): Promise<SearchSuggestion[]> {
    const found = await ctx.suggestions.suggest(args.prefix, args.limit);
    return found.map((s) => ({ text: s.text, product: s.productId ? { id: s.productId } : null }));
  }
}
