import { Address, DateTimeResolver } from '@storegraph/graphql-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RoleEnum {
  CUSTOMER = 'CUSTOMER',
  ADMIN = 'ADMIN',
}
registerEnumType(RoleEnum, { name: 'Role' });

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

export { Address };
