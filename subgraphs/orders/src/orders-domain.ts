import type { Logger } from '@storegraph/logger';
import { PrismaOrderReader } from './data/order.repository.js';
import { PrismaOrderStore, type TransitionObserver } from './data/order.store.js';
import type { PrismaClient } from './data/prisma-client.js';
import { OrderAccess } from './domain/order-access.js';
import { OrderHistory } from './domain/order-history.js';
import { OrderTokens } from './domain/order-token.js';
import type { CartPort, InventoryPort, PaymentEvent, PaymentProvider, ProviderName } from './domain/ports.js';
import type { PricingTables } from './domain/pricing.js';
import { CheckoutWorkflow } from './workflows/checkout.workflow.js';
import { CheckoutQuotes } from './workflows/checkout-quote.js';
import { OrderLifecycle } from './workflows/order-lifecycle.js';

export interface OrdersDomainDeps {
  logger: Logger;
  prisma: PrismaClient;
  cart: CartPort;
  inventory: InventoryPort;
  /** The enabled providers; one that delivers asynchronously gets `deliverTo`. */
  providers: Array<PaymentProvider & { deliverTo?(sink: (event: PaymentEvent) => Promise<void>): void }>;
  /** Derives guests' order tokens. */
  orderTokenSecret: string;
  pricing?: PricingTables;
  reservationTtlSeconds?: number;
  leaseMs?: number;
  /** Checkouts run at once, and the longest a request waits for its turn (see CheckoutDeps.admission). */
  checkoutAdmission?: { concurrency: number; queueMs: number };
  /** Told of every committed status change (the order counters). */
  onTransition?: TransitionObserver;
}

/** The orders service's parts, wired: what server.ts serves and tests drive directly. */
export function buildOrdersDomain(deps: OrdersDomainDeps) {
  const store = new PrismaOrderStore(deps.prisma, deps.onTransition);
  const reader = new PrismaOrderReader(deps.prisma);
  const providers = new Map<ProviderName, PaymentProvider>(deps.providers.map((p) => [p.name, p]));
  const lifecycle = new OrderLifecycle({ store, providers, cart: deps.cart, logger: deps.logger });
  for (const provider of deps.providers)
    provider.deliverTo?.((event) => lifecycle.applyPaymentEvent(event).then(() => {}));
  const checkout = new CheckoutWorkflow({
    store,
    cart: deps.cart,
    inventory: deps.inventory,
    providers,
    lifecycle,
    tokens: new OrderTokens(deps.orderTokenSecret),
    logger: deps.logger,
    pricing: deps.pricing,
    reservationTtlSeconds: deps.reservationTtlSeconds,
    leaseMs: deps.leaseMs,
    admission: deps.checkoutAdmission,
  });
  return {
    store,
    reader,
    providers,
    lifecycle,
    checkout,
    quotes: new CheckoutQuotes({ cart: deps.cart, inventory: deps.inventory, pricing: deps.pricing }),
    history: new OrderHistory(reader),
    orders: new OrderAccess(store),
  };
}

export type OrdersDomain = ReturnType<typeof buildOrdersDomain>;
