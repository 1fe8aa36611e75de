import { PageInfo } from '@storegraph/graphql-kit';
import { ArgsType, Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The catalog's product, referenced by id; the products subgraph resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Product {
  @Field(() => ID)
  id!: string;
}

/** Shared with the products subgraph: the same fields and types there. */
@Directive('@shareable')
@ObjectType()
export class ProductEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Product)
  node!: Product;
}

@Directive('@shareable')
@ObjectType()
export class ProductConnection {
  @Field(() => [ProductEdge])
  edges!: ProductEdge[];

  @Field(() => [Product])
  nodes!: Product[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  NEWEST = 'NEWEST',
  RATING = 'RATING',
}
registerEnumType(SearchSort, { name: 'SearchSort' });

@InputType()
export class PriceFilter {
  @Field(() => String, { nullable: true, description: 'Decimal strings, inclusive.' })
  min?: string | null;

  @Field(() => String, { nullable: true })
  max?: string | null;
}

@InputType()
export class AttributeFilter {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'Any of these values (OR within one attribute, AND across attributes).' })
  values!: string[];
}

@InputType()
export class ProductFilter {
  @Field(() => [String], { nullable: true })
  categorySlugs?: string[] | null;

  @Field(() => [String], { nullable: true })
  brandSlugs?: string[] | null;

  @Field(() => PriceFilter, { nullable: true })
  price?: PriceFilter | null;

  @Field(() => [AttributeFilter], { nullable: true })
  attributes?: AttributeFilter[] | null;

  @Field(() => Boolean, { nullable: true })
  inStock?: boolean | null;

  @Field(() => Float, { nullable: true })
  minRating?: number | null;
}

@ObjectType()
export class FacetValue {
  @Field(() => String)
  value!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { description: 'Matching products if this value were selected, given the other active filters.' })
  count!: number;

  @Field(() => Boolean)
  selected!: boolean;
}

@ObjectType()
export class Facet {
  @Field(() => String, {
    description: 'category, brand, price, rating, availability, or an attribute name such as color',
  })
  name!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

@ObjectType()
export class SearchResult {
  @Field(() => ProductConnection)
  products!: ProductConnection;

  @Field(() => [Facet])
  facets!: Facet[];

  @Field(() => String, {
    nullable: true,
    description: "Set when the query was corrected for a typo, e.g. 'hedphones' -> 'headphones'.",
  })
  correctedQuery!: string | null;
}

@ObjectType()
export class SearchSuggestion {
  @Field(() => String)
  text!: string;

  @Field(() => Product, { nullable: true, description: 'Present when the suggestion is a product.' })
  product!: Product | null;
}

/** One class, so the arguments print in the contract's order. */
@ArgsType()
export class SearchArgs {
  @Field(() => String, { nullable: true })
  query?: string | null;

  @Field(() => ProductFilter, { nullable: true })
  filter?: ProductFilter | null;

  @Field(() => SearchSort, { nullable: true, defaultValue: SearchSort.RELEVANCE })
  sort?: SearchSort | null;

  @Field(() => Int, { nullable: true, defaultValue: 24 })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class SuggestionArgs {
  @Field(() => String)
  prefix!: string;

  @Field(() => Int, { nullable: true, defaultValue: 8 })
  limit?: number | null;
}
