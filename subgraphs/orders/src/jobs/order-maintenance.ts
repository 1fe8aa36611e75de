import type { Logger } from '@storegraph/logger';
import type { CheckoutWorkflow } from '../workflows/checkout.workflow.js';
import type { OrderLifecycle } from '../workflows/order-lifecycle.js';

export interface OrderMaintenance {
  /** One pass: recover interrupted checkouts, cancel overdue orders, reconcile payments. */
  runOnce(now?: Date): Promise<{ recovered: number; cancelled: number; reconciled: number }>;
  stop(): Promise<void>;
}

/**
 * The orders service's background pass, first run at start (so sagas interrupted by a
 * crash are recovered on restart) and then every `intervalMs`. Runs never overlap; a
 * failed run is logged and the next tick tries again. Replicas may all run it: each
 * step claims its rows (lease, row locks), so no saga or order is handled twice.
 */
export function startOrderMaintenance(deps: {
  checkout: CheckoutWorkflow;
  lifecycle: OrderLifecycle;
  logger: Logger;
  intervalMs: number;
  /** A payment still processing this long is asked about at its provider. */
  reconcileAfterMs?: number;
}): OrderMaintenance {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const runOnce = async (now = new Date()) => {
    const recovered = await deps.checkout.recoverStale(now);
    const cancelled = await deps.lifecycle.cancelOverdue(now);
    const reconciled = await deps.lifecycle.reconcile(new Date(now.getTime() - (deps.reconcileAfterMs ?? 60_000)));
    if (recovered + cancelled + reconciled > 0) {
      deps.logger.info({ recovered, cancelled, reconciled }, 'order maintenance');
    }
    return { recovered, cancelled, reconciled };
  };
  const tick = () => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error) => deps.logger.error({ err: error }, 'order maintenance failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, deps.intervalMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
