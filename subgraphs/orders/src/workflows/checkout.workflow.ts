import { randomUUID } from 'node:crypto';
import type { Logger } from '@storegraph/logger';
import type { PaymentRecord, PrismaOrderStore, SagaRecord, SagaStep } from '../data/order.store.js';
import { type CheckoutFieldError, type CheckoutRequest, ownerKeyOf, requestHash } from '../domain/checkout-input.js';
import { cartRefusal, mergeLines, priceCheckout, shortageErrors } from '../domain/checkout-pricing.js';
import { type OrderRecord, orderNumber } from '../domain/order.records.js';
import { OrderTokens } from '../domain/order-token.js';
import type { CartPort, InventoryPort, ReservedLine } from '../domain/ports.js';
import { PaymentProviderError } from '../domain/ports.js';
import type { PricingTables } from '../domain/pricing.js';
import { Admission } from './admission.js';
import type { OrderLifecycle, Providers } from './order-lifecycle.js';

export type CheckoutOutcome =
  | { kind: 'ORDER'; orderId: string; orderToken: string | null }
  | { kind: 'REFUSED'; errors: CheckoutFieldError[] };

export interface CheckoutDeps {
  store: PrismaOrderStore;
  cart: CartPort;
  inventory: InventoryPort;
  providers: Providers;
  lifecycle: OrderLifecycle;
  tokens: OrderTokens;
  logger: Logger;
  pricing?: PricingTables;
  /** Stock (and the cart) are held this long for payment. */
  reservationTtlSeconds?: number;
  /** An unpaid order is cancelled this long before its reservation lapses. */
  paymentGraceSeconds?: number;
  /** A running saga not heard of for this long is presumed crashed and recovered. */
  leaseMs?: number;
  /**
   * How long a duplicate request waits for the first one to finish before answering
   * CHECKOUT_IN_PROGRESS. Below the router's subgraph timeout (5 s by default): a
   * duplicate the router gives up on is a failed call to it (its circuit breaker counts
   * those), where CHECKOUT_IN_PROGRESS is an answer the client retries.
   */
  duplicateWaitMs?: number;
  /**
   * At most this many checkouts run at once in this process; beyond it a request waits
   * up to `queueMs` for its turn, then is answered unavailable (retry with the same key).
   * `queueMs` stays below the router's subgraph timeout for the same reason as
   * `duplicateWaitMs`. Default 32 and 3,000 ms.
   */
  admission?: { concurrency: number; queueMs: number };
}

/** A checkout that could not finish for a reason outside the client's control; retrying is safe. */
export class CheckoutUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CheckoutUnavailable';
  }
}

class Refusal extends Error {
  constructor(readonly errors: CheckoutFieldError[]) {
    super('checkout refused');
  }
}

const STEP_ORDER: SagaStep[] = ['STARTED', 'ORDER_CREATED', 'PAYMENT_CREATED'];
const reached = (saga: { step: SagaStep }, step: SagaStep) => STEP_ORDER.indexOf(saga.step) >= STEP_ORDER.indexOf(step);

/**
 * The checkout saga (see the design's architecture notes), orchestrated here:
 *
 *   claim (owner, key)  -> lock the cart          (compensation: release the lock)
 *                       -> reserve the stock      (compensation: release the reservation)
 *                       -> write order + payment + OrderPlacedV1 in one transaction
 *                       -> create the payment with the provider, keyed by the order id
 *
 * The saga row records the last step done and holds a lease. A saga whose lease
 * passed (its process died) is recovered by `recover`: before the order exists it is
 * compensated (ABORTED: a retry with the same key runs afresh as a new attempt); once
 * the order exists it is resumed (the provider call is idempotent by key).
 */
export class CheckoutWorkflow {
  private readonly leaseMs: number;
  /** Sagas this process is running, so that a duplicate request waits for one without polling. */
  private readonly running = new Map<string, Promise<CheckoutOutcome>>();

  private readonly admission: Admission;

  constructor(private readonly deps: CheckoutDeps) {
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.admission = new Admission(deps.admission?.concurrency ?? 32, deps.admission?.queueMs ?? 3_000);
  }

  /** Checkouts running and waiting for their turn in this process. */
  get load(): { running: number; waiting: number } {
    return this.admission.load;
  }

  async checkout(request: CheckoutRequest, customer: { id: string; email: string } | null): Promise<CheckoutOutcome> {
    if (!this.deps.providers.has(request.paymentProvider)) {
      return {
        kind: 'REFUSED',
        errors: [
          {
            code: 'PAYMENT_PROVIDER_UNAVAILABLE',
            message: `${request.paymentProvider} payments are not enabled.`,
            field: ['input', 'paymentProvider'],
          },
        ],
      };
    }
    if (!(await this.admission.acquire())) throw new CheckoutUnavailable('too many checkouts at once');
    let admitted = true;
    const release = () => {
      if (admitted) this.admission.release();
      admitted = false;
    };
    try {
      return await this.admitted(request, customer, release);
    } finally {
      release();
    }
  }

  /** A checkout holding an admission slot; `release` gives it up early (to wait for another request's saga). */
  private async admitted(
    request: CheckoutRequest,
    customer: { id: string; email: string } | null,
    release: () => void,
  ): Promise<CheckoutOutcome> {
    const hash = requestHash(request);
    const email = customer?.email ?? (request.guestEmail as string);
    const claim = await this.deps.store.claimCheckout({
      ownerKey: ownerKeyOf(customer?.id ?? null, request),
      idempotencyKey: request.idempotencyKey,
      requestHash: hash,
      cartId: request.cartId,
      customerId: customer?.id ?? null,
      input: { ...request, email },
      leaseMs: this.leaseMs,
    });
    let saga = claim.saga;
    if (!claim.created) {
      if (saga.requestHash !== hash) {
        return {
          kind: 'REFUSED',
          errors: [
            {
              code: 'IDEMPOTENCY_KEY_REUSED',
              message: 'This idempotency key was used for a different checkout.',
              field: ['input', 'idempotencyKey'],
            },
          ],
        };
      }
      if (saga.status === 'ABORTED') {
        // The aborted attempt's compensation may be unfinished (another process is still
        // releasing, or a release failed): its stock and cart lock go first, or the new
        // attempt would find the cart locked by the old one (CART_LOCKED on one's own retry).
        await this.releaseAttempt(saga).catch((error) => {
          this.deps.logger.warn({ err: error, sagaId: saga.id }, 'aborted checkout not released; retry refused');
          throw new CheckoutUnavailable('the previous attempt could not be released');
        });
      }
      if (saga.status === 'ABORTED' && (await this.deps.store.restartCheckout(saga.id, this.leaseMs))) {
        saga = (await this.deps.store.saga(saga.id)) as SagaRecord;
      } else {
        // Another request runs (or ran) this saga: waiting for it takes no slot.
        release();
        return this.outcomeOf(await this.awaitFinished(saga));
      }
    }
    const running = this.run(saga);
    this.running.set(saga.id, running);
    try {
      return await running;
    } finally {
      this.running.delete(saga.id);
    }
  }

  /** Recovers sagas whose process died (lease passed): compensates or resumes each. */
  async recoverStale(now = new Date()): Promise<number> {
    const stale = await this.deps.store.claimStaleSagas(now, this.leaseMs);
    for (const saga of stale) {
      try {
        await this.recover(saga);
      } catch (error) {
        this.deps.logger.error({ err: error, sagaId: saga.id }, 'checkout recovery failed; retried later');
      }
    }
    return stale.length;
  }

  private async recover(saga: SagaRecord): Promise<void> {
    this.deps.logger.warn({ sagaId: saga.id, step: saga.step }, 'recovering an interrupted checkout');
    if (reached(saga, 'ORDER_CREATED')) {
      await this.createPayment(saga);
    } else {
      await this.compensate(saga);
    }
  }

  /**
   * Runs a claimed saga to its outcome. The cart lock and the reservation are not
   * recorded as steps (a round trip each on every checkout): compensation releases both
   * by the attempt's order id whatever was done, and releasing what was never taken is a
   * no-op; the lease taken at the claim covers them.
   */
  private async run(saga: SagaRecord): Promise<CheckoutOutcome> {
    const { cart, inventory, store } = this.deps;
    const ttl = this.deps.reservationTtlSeconds ?? 900;
    let created: { order: OrderRecord; payment: PaymentRecord } | undefined;
    try {
      const locked = await cart.lock(saga.cartId, {
        checkoutId: saga.orderId,
        customerId: saga.customerId,
        ttlSeconds: ttl,
      });
      if (locked.status !== 'LOCKED') throw new Refusal([cartRefusal(locked.status)]);

      const reservation = await inventory.reserve(saga.orderId, mergeLines(locked.snapshot.lines), ttl);
      if (reservation.status === 'OUT_OF_STOCK' || reservation.status === 'VARIANT_NOT_FOUND') {
        throw new Refusal(shortageErrors(reservation.shortages));
      }
      if (reservation.status !== 'RESERVED') throw new CheckoutUnavailable('reservation already released');

      const pricing = priceCheckout(reservation.lines, saga.input.shippingAddress, this.deps.pricing);
      if (!pricing.ok) throw new Refusal([pricing.error]);
      const { priced } = pricing;
      const { currencyCode } = priced;

      const dueAt = reservation.expiresAt.getTime() - (this.deps.paymentGraceSeconds ?? 60) * 1000;
      const paymentId = randomUUID();
      const written = await store.createOrder(saga.id, {
        id: saga.orderId,
        customerId: saga.customerId,
        email: saga.input.email,
        currencyCode,
        subtotalMinor: priced.subtotalMinor,
        shippingMinor: priced.shippingMinor,
        taxMinor: priced.taxMinor,
        totalMinor: priced.totalMinor,
        shippingAddress: saga.input.shippingAddress,
        guestTokenHash: saga.customerId ? null : OrderTokens.hash(this.deps.tokens.tokenFor(saga.orderId)),
        cartId: saga.cartId,
        paymentDueAt: new Date(Math.max(dueAt, Date.now())),
        lines: reservation.lines.map((line, i) => snapshotLine(line, priced.lineTotalsMinor[i] as number)),
        payment: { id: paymentId, provider: saga.input.paymentProvider, testToken: saga.input.testPaymentToken },
      });
      // The saga was closed meanwhile (presumed dead and compensated): no order is written.
      if (!written) throw new CheckoutUnavailable('the checkout was interrupted; retry with the same key');
      if (written.created) {
        // Just written by this call: the order and its payment are as given, no need to read them back.
        created = {
          order: written.order,
          payment: {
            id: paymentId,
            orderId: saga.orderId,
            provider: saga.input.paymentProvider,
            status: 'PROCESSING',
            amountMinor: written.order.totalMinor,
            currencyCode: written.order.currencyCode,
            providerRef: null,
            clientSecret: null,
            approvalUrl: null,
            testToken: saga.input.testPaymentToken,
          },
        };
      }
    } catch (error) {
      // Nothing of the order exists yet: undo what was done, then report.
      const refusal = error instanceof Refusal ? error.errors : undefined;
      // Not compensated: another process closed the saga first (recovery presumed this
      // attempt dead), or the order was written though its write failed on the way back.
      const current = await this.compensate(saga, refusal);
      if (current) return this.outcomeOf(current);
      if (refusal) return { kind: 'REFUSED', errors: refusal };
      this.deps.logger.error({ err: error, sagaId: saga.id }, 'checkout aborted');
      throw error instanceof CheckoutUnavailable ? error : new CheckoutUnavailable('a service checkout needs failed');
    }
    await this.createPayment(saga, created);
    return {
      kind: 'ORDER',
      orderId: saga.orderId,
      orderToken: saga.customerId ? null : this.deps.tokens.tokenFor(saga.orderId),
    };
  }

  /**
   * Undoes the steps before the order: the saga is closed first, so a slow original
   * attempt cannot write its order after (createOrder needs it running); null once done.
   * When it cannot be closed, nothing is released and the saga as it stands is answered:
   * another process closed it, or its order was written meanwhile, and is then resumed
   * (its payment created), never compensated.
   */
  private async compensate(saga: SagaRecord, refusal?: CheckoutFieldError[]): Promise<SagaRecord | null> {
    if (await this.deps.store.finishSaga(saga.id, refusal ? 'REFUSED' : 'ABORTED', refusal)) {
      await this.releaseAttempt(saga);
      return null;
    }
    const current = (await this.deps.store.saga(saga.id)) as SagaRecord;
    if (current.status === 'RUNNING' && reached(current, 'ORDER_CREATED')) await this.createPayment(current);
    return current;
  }

  /** Releases an attempt's stock reservation and cart lock (both idempotent, by its order id). */
  private async releaseAttempt(saga: SagaRecord): Promise<void> {
    await this.deps.inventory.release(saga.orderId);
    await this.deps.cart.release(saga.cartId, saga.orderId);
  }

  /**
   * Creates the payment with the provider (idempotent by the order id) and completes the
   * saga. `known` is the order and payment this process has just written; otherwise
   * (recovery, an order written before) they are read.
   */
  private async createPayment(saga: SagaRecord, known?: { order: OrderRecord; payment: PaymentRecord }): Promise<void> {
    const { store } = this.deps;
    const order = known?.order ?? (await store.order(saga.orderId));
    const payment = known?.payment ?? (await store.paymentsOfOrders([saga.orderId]))[0];
    if (!order || !payment) throw new Error(`checkout ${saga.id} lost its order`);
    if (!payment.providerRef && order.status === 'PENDING_PAYMENT') {
      const provider = this.deps.providers.get(payment.provider);
      try {
        if (!provider) throw new PaymentProviderError(payment.provider, 'provider not enabled', false);
        const created = await provider.create({
          paymentId: payment.id,
          orderId: order.id,
          orderNumber: orderNumber(order.seq),
          amountMinor: payment.amountMinor,
          currencyCode: payment.currencyCode,
          idempotencyKey: `sg-payment-${payment.id}`,
          testToken: payment.testToken,
        });
        // Stored with the saga's completion in one statement.
        await store.paymentCreated(payment.id, created, saga.id);
        return;
      } catch (error) {
        if (error instanceof PaymentProviderError && error.retryable) {
          // Left RUNNING at ORDER_CREATED: recovery retries once the lease passes.
          this.deps.logger.warn({ err: error, orderId: order.id }, 'payment creation deferred');
          return;
        }
        this.deps.logger.error({ err: error, orderId: order.id }, 'payment could not be created');
        await this.deps.lifecycle.applyPaymentEvent({
          provider: payment.provider,
          eventId: `create-failed:${payment.id}`,
          type: 'payment.create_failed',
          paymentId: payment.id,
          status: 'FAILED',
        });
      }
    }
    await store.completeSaga(saga.id);
  }

  /**
   * A duplicate request waits for the first one: on its promise when this process runs
   * it, else by reading the saga, less and less often (each read is a query, and
   * duplicates come in bursts when clients retry an overloaded checkout).
   */
  private async awaitFinished(saga: SagaRecord): Promise<SagaRecord> {
    const deadline = Date.now() + (this.deps.duplicateWaitMs ?? 4_000);
    const unfinished = (s: SagaRecord) => s.status === 'RUNNING' && !reached(s, 'ORDER_CREATED');
    if (!unfinished(saga)) return saga;
    const local = this.running.get(saga.id);
    if (local) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        local.catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
      return (await this.deps.store.saga(saga.id)) as SagaRecord;
    }
    let current = saga;
    for (let pause = 50; unfinished(current) && Date.now() < deadline; pause = Math.min(pause * 2, 800)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))));
      current = (await this.deps.store.saga(saga.id)) as SagaRecord;
    }
    return current;
  }

  private outcomeOf(saga: SagaRecord): CheckoutOutcome {
    if (saga.status === 'REFUSED') return { kind: 'REFUSED', errors: saga.refusal ?? [] };
    if (reached(saga, 'ORDER_CREATED') && saga.status !== 'ABORTED') {
      return {
        kind: 'ORDER',
        orderId: saga.orderId,
        orderToken: saga.customerId ? null : this.deps.tokens.tokenFor(saga.orderId),
      };
    }
    if (saga.status === 'RUNNING') {
      return {
        kind: 'REFUSED',
        errors: [
          {
            code: 'CHECKOUT_IN_PROGRESS',
            message: 'This checkout is still being processed; retry with the same key.',
            field: ['input', 'idempotencyKey'],
          },
        ],
      };
    }
    throw new CheckoutUnavailable('the checkout was interrupted; retry with the same key');
  }
}

function snapshotLine(line: ReservedLine, lineTotalMinor: number) {
  const title =
    line.variantTitle && line.variantTitle !== line.productTitle
      ? `${line.productTitle} - ${line.variantTitle}`
      : line.productTitle;
  return {
    variantId: line.variantId,
    title,
    sku: line.sku,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    lineTotalMinor,
  };
}
