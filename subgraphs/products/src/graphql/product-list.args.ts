import { ArgsType, Field, Int } from 'type-graphql';
import { ProductSortKey } from './catalog.types.js';

/** Arguments of every product list (Query.products, Category.products). */
@ArgsType()
export class ProductListArgs {
  @Field(() => Int, { nullable: true, defaultValue: 24 })
  first!: number;

  @Field(() => String, { nullable: true })
  after!: string | null;

  @Field(() => ProductSortKey, { nullable: true, defaultValue: ProductSortKey.CREATED_AT })
  sortKey!: ProductSortKey;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  reverse!: boolean;
}
