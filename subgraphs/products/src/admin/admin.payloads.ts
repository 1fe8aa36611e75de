import { UserError } from '@storegraph/graphql-kit';
import { Field, ObjectType } from 'type-graphql';
import type { ProductRecord, VariantRecord } from '../domain/catalog.records.js';
import { Product, ProductVariant } from '../graphql/catalog.types.js';

/** The product as the catalog's field resolvers read it (a ProductRecord), or null on failure. */
@ObjectType()
export class ProductPayload {
  @Field(() => Product, { nullable: true })
  product!: ProductRecord | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class VariantPayload {
  @Field(() => ProductVariant, { nullable: true })
  variant!: VariantRecord | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
