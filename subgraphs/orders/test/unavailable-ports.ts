import type { CartPort, CustomerDirectory, InventoryPort } from '../src/domain/ports.js';

const unavailable = async (): Promise<never> => {
  throw new Error('not part of this test');
};

/** Ports for tests that never check out. */
export const unavailablePorts: { cart: CartPort; inventory: InventoryPort; customers: CustomerDirectory } = {
  cart: { lock: unavailable, release: unavailable, contents: unavailable },
  inventory: { reserve: unavailable, release: unavailable, quote: unavailable },
  customers: { emailOf: unavailable },
};
