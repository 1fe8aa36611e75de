import { Redis } from 'ioredis';

/**
 * A Redis client for request paths that must fail fast: no offline queue and one
 * retry per command, so an outage surfaces as an error within about a second
 * instead of a hung request. It connects lazily: the composition root calls
 * `connect()`. (BullMQ workers need the opposite: `maxRetriesPerRequest: null`.)
 */
export function createFailFastRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
