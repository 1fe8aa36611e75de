import { forbidden, type Money, mayAccess, money, type PageInfo, pageInfoOf } from '@storegraph/graphql-kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { type OrderLineRecord, type OrderRecord, orderNumber } from '../domain/order.records.js';
import type { OrderPage } from '../domain/order-history.js';
import type { OrdersContext } from './context.js';
import {
  Address,
  Money as MoneyType,
  Order,
  OrderConnection,
  OrderLine,
  PageInfo as PageInfoType,
  ProductVariant,
  User,
} from './order.types.js';

@Resolver(() => User)
export class UserOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "The user's orders, newest first." })
  orders(
    @Root() user: { id: string },
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderPage> {
    if (!mayAccess(ctx.viewer, user.id)) throw forbidden();
    return ctx.history.page(user.id, first, after);
  }
}

@Resolver(() => OrderConnection)
export class OrderConnectionResolver {
  @FieldResolver(() => [Order])
  nodes(@Root() page: OrderPage): OrderRecord[] {
    return page.edges.map((e) => e.node);
  }

  @FieldResolver(() => PageInfoType)
  pageInfo(@Root() page: OrderPage): PageInfo {
    return pageInfoOf(page);
  }

  @FieldResolver(() => Int)
  totalCount(@Root() page: OrderPage): Promise<number> {
    return page.countTotal();
  }
}

@Resolver(() => Order)
export class OrderFieldsResolver {
  @FieldResolver(() => String, { description: 'Human-facing number, e.g. SG-000123.' })
  number(@Root() order: OrderRecord): string {
    return orderNumber(order.seq);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() order: OrderRecord, @Ctx() ctx: OrdersContext): Promise<OrderLineRecord[]> {
    return ctx.linesOfOrder.load(order.id);
  }

  @FieldResolver(() => MoneyType)
  subtotal(@Root() order: OrderRecord): Money {
    return money(order.subtotalMinor, order.currencyCode);
  }

  @FieldResolver(() => MoneyType)
  shipping(@Root() order: OrderRecord): Money {
    return money(order.shippingMinor, order.currencyCode);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() order: OrderRecord): Money {
    return money(order.taxMinor, order.currencyCode);
  }

  @FieldResolver(() => MoneyType)
  total(@Root() order: OrderRecord): Money {
    return money(order.totalMinor, order.currencyCode);
  }

  @FieldResolver(() => Address)
  shippingAddress(@Root() order: OrderRecord): Address {
    return { id: `${order.id}.shipping`, isDefault: false, ...order.shippingAddress };
  }
}

@Resolver(() => OrderLine)
export class OrderLineFieldsResolver {
  @FieldResolver(() => ProductVariant)
  variant(@Root() line: OrderLineRecord): ProductVariant {
    return { id: line.variantId };
  }

  @FieldResolver(() => MoneyType)
  unitPrice(@Root() line: OrderLineRecord): Money {
    return money(line.unitPriceMinor, line.currencyCode);
  }

  @FieldResolver(() => MoneyType)
  lineTotal(@Root() line: OrderLineRecord): Money {
    return money(line.lineTotalMinor, line.currencyCode);
  }
}
