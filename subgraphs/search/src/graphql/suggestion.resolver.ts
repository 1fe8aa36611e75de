import type { Viewer } from '@storegraph/graphql-kit';
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Suggestion, SuggestionService } from '../domain/suggestions.js';

/** The catalog's product, referenced by id; the products subgraph resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Product {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class SearchSuggestion {
  @Field(() => String)
  text!: string;

  @Field(() => Product, { nullable: true, description: 'Present when the suggestion is a product.' })
  product!: Product | null;
}

export interface SearchContext {
  suggestions: SuggestionService;
  viewer: Viewer | null;
}

@Resolver()
export class SuggestionResolver {
  @Query(() => [SearchSuggestion])
  async searchSuggestions(
    @Arg('prefix', () => String) prefix: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 8 }) limit: number,
    @Ctx() ctx: SearchContext,
  ): Promise<SearchSuggestion[]> {
    const found: Suggestion[] = await ctx.suggestions.suggest(prefix, limit);
    return found.map((s) => ({ text: s.text, product: s.productId ? { id: s.productId } : null }));
  }
}
