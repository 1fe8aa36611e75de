import { DateTimeResolver, Money, PageInfo } from '@storegraph/graphql-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ProductSortKey {
  CREATED_AT = 'CREATED_AT',
  PRICE = 'PRICE',
  TITLE = 'TITLE',
  RATING = 'RATING',
}
registerEnumType(ProductSortKey, { name: 'ProductSortKey' });

@ObjectType()
export class Image {
  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  altText!: string | null;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;
}

@ObjectType()
export class ProductOption {
  @Field(() => String, { description: 'e.g. Color' })
  name!: string;

  @Field(() => [String], { description: 'e.g. [Red, Blue]' })
  values!: string[];
}

@ObjectType()
export class SelectedOption {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class Attribute {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class PriceRange {
  @Field(() => Money)
  min!: Money;

  @Field(() => Money)
  max!: Money;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Brand {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Category {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class ProductVariant {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [SelectedOption])
  selectedOptions!: SelectedOption[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [ProductOption])
  options!: ProductOption[];

  @Field(() => [Attribute])
  attributes!: Attribute[];

  @Field(() => Float, { nullable: true, description: 'Average rating 0..5, null when unrated.' })
  rating!: number | null;

  @Field(() => Int)
  reviewCount!: number;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

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
}
