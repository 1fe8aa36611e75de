import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class SelectedOptionInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class AttributeInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class ProductVariantInput {
  @Field(() => String)
  sku!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "Decimal string in the product's currency." })
  price!: string;

  @Field(() => String, { nullable: true })
  compareAtPrice?: string | null;

  @Field(() => [SelectedOptionInput])
  selectedOptions!: SelectedOptionInput[];

  @Field(() => Int)
  quantityOnHand!: number;
}

@InputType()
export class ProductInput {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  brandSlug?: string | null;

  @Field(() => String)
  categorySlug!: string;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => [String], { nullable: true })
  imageUrls?: string[] | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => [ProductVariantInput])
  variants!: ProductVariantInput[];
}

/** Only the fields given change; `brandSlug: null` removes the brand. */
@InputType()
export class ProductUpdateInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  brandSlug?: string | null;

  @Field(() => String, { nullable: true })
  categorySlug?: string | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;
}

// Arguments as classes: type-graphql lists an @ArgsType's fields in declaration order,
// so the SDL shows them in the contract's order.

@ArgsType()
export class ProductUpdateArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ProductUpdateInput)
  input!: ProductUpdateInput;
}

@ArgsType()
export class InventorySetArgs {
  @Field(() => ID)
  variantId!: string;

  @Field(() => Int)
  quantityOnHand!: number;
}

@ArgsType()
export class VariantPriceSetArgs {
  @Field(() => ID)
  variantId!: string;

  @Field(() => String)
  price!: string;
}
