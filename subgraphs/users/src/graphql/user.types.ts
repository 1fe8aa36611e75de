import { DateTimeResolver } from '@storegraph/graphql-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RoleEnum {
  CUSTOMER = 'CUSTOMER',
  ADMIN = 'ADMIN',
}
registerEnumType(RoleEnum, { name: 'Role' });

/** A postal address. Orders keep their own copy (shipping address snapshot), hence shareable. */
@Directive('@shareable')
@ObjectType()
export class Address {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  country!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean)
  isDefault!: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RoleEnum)
  role!: RoleEnum;

  @Field(() => DateTimeResolver)
  createdAt!: Date;
}
