import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { CheckoutResolver, OrderPaymentResolver, PaymentFieldsResolver } from './graphql/checkout.resolver.js';
import {
  OrderConnectionResolver,
  OrderFieldsResolver,
  OrderLineFieldsResolver,
  UserOrdersResolver,
} from './graphql/order.resolver.js';
import { User } from './graphql/order.types.js';

export function buildOrdersSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [
      UserOrdersResolver,
      OrderConnectionResolver,
      OrderFieldsResolver,
      OrderLineFieldsResolver,
      CheckoutResolver,
      OrderPaymentResolver,
      PaymentFieldsResolver,
    ],
    // Entities reached only through other subgraphs (User.orders) have no root field here.
    orphanedTypes: [User],
  });
}
