import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type CatalogEvent, CatalogEvent as CatalogEventSchema } from './catalog-events.js';

/**
 * Catalog change notices: a broadcast (Redis pub/sub) that a service's answers about
 * some products changed, for every process that caches those answers (the router's
 * response cache). Unlike the event queues, nothing is kept: a subscriber that was
 * disconnected cannot know what it missed and must drop everything it cached.
 *
 * `source` is the subgraph whose answers changed: `products` once a change is
 * committed (sent by its outbox relay, so any writer's change is included), `search`
 * once a replica's search answers include it (its doc values applied the change).
 */
export const CatalogChange = z.object({
  source: z.enum(['products', 'search']),
  /** Products (and their variants) whose answers changed; empty with `all`. */
  productIds: z.array(z.string().uuid()).max(10_000),
  /** Everything may have changed (a reindex, a reload). */
  all: z.boolean().optional(),
});
export type CatalogChange = z.infer<typeof CatalogChange>;

/** The channel's default name; every service of one deployment must use the same (CATALOG_CHANGES_CHANNEL). */
export const DEFAULT_CATALOG_CHANGES_CHANNEL = 'sg:catalog-changes';

/** The ids a catalog event concerns: the product and, for an upsert, each of its variants. */
export function idsOfCatalogEvent(event: unknown): string[] {
  const parsed = CatalogEventSchema.safeParse(event);
  if (!parsed.success) return [];
  const value: CatalogEvent = parsed.data;
  if (value.type === 'ProductDeletedV1') return [value.productId];
  return [value.product.productId, ...value.product.variants.map((v) => v.id)];
}

/** Publishes a notice; a failure is reported, never thrown (the notice is an optimisation's signal). */
export async function publishCatalogChange(
  redis: Pick<Redis, 'publish'>,
  channel: string,
  change: CatalogChange,
  onError: (error: unknown) => void,
): Promise<void> {
  try {
    await redis.publish(channel, JSON.stringify(change));
  } catch (error) {
    onError(error);
  }
}

export interface CatalogChangeSubscription {
  /** True while notices are arriving: a cache may serve only then. */
  readonly live: boolean;
  close(): Promise<void>;
}

/**
 * Subscribes `redis` (a connection of its own: it enters subscriber mode) to the
 * channel. `onChange` gets every valid notice; `onGap` is called whenever notices may
 * have been missed (the connection dropped, or before the first subscription), so the
 * caller drops what it cached. Malformed notices count as a gap.
 */
export function subscribeCatalogChanges(
  redis: Redis,
  channel: string,
  handlers: { onChange(change: CatalogChange): void; onGap(): void },
): CatalogChangeSubscription {
  let live = false;
  const lost = () => {
    if (live) handlers.onGap();
    live = false;
  };
  const subscribe = () => {
    redis
      .subscribe(channel)
      .then(() => {
        // Whatever changed while not subscribed is unknown: start from nothing.
        handlers.onGap();
        live = true;
      })
      .catch(lost);
  };
  redis.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let parsed: CatalogChange | undefined;
    try {
      const result = CatalogChange.safeParse(JSON.parse(message));
      if (result.success) parsed = result.data;
    } catch {
      parsed = undefined;
    }
    if (parsed) handlers.onChange(parsed);
    else handlers.onGap();
  });
  redis.on('close', lost);
  redis.on('end', lost);
  redis.on('ready', subscribe);
  if (redis.status === 'ready') subscribe();
  return {
    get live() {
      return live;
    },
    async close() {
      live = false;
      redis.disconnect();
    },
  };
}

/**
 * A service's notifier: `notify({ productIds })` or `notify({ productIds: [], all: true })`
 * publishes a notice from `source` without waiting (failures go to `onError`).
 */
export function catalogChangeNotifier(
  redis: Pick<Redis, 'publish'>,
  channel: string,
  source: CatalogChange['source'],
  onError: (error: unknown) => void,
): (change: Omit<CatalogChange, 'source'>) => void {
  return (change) => void publishCatalogChange(redis, channel, { source, ...change }, onError);
}

/**
 * The outbox relay's `onPublished` for the products service: one notice per published
 * batch, naming every product and variant its catalog events concern.
 */
export function notifyCatalogChanges(
  redis: Pick<Redis, 'publish'>,
  channel: string,
  onError: (error: unknown) => void,
): (events: Array<{ type: string; payload: unknown }>) => Promise<void> {
  return async (events) => {
    const productIds = [...new Set(events.flatMap((e) => idsOfCatalogEvent(e.payload)))];
    if (productIds.length > 0) await publishCatalogChange(redis, channel, { source: 'products', productIds }, onError);
  };
}
