import type { Redis } from 'ioredis';
import { Histogram } from 'prom-client';
import { LATENCY_BUCKETS, type ServiceMetrics } from './metrics.js';
import { startStoreSpan } from './tracing.js';

const STATEMENT_KINDS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'BEGIN', 'COMMIT', 'ROLLBACK']);

/** The statement label: its leading keyword, so that SQL text never becomes a label value. */
export function statementLabel(sql: string): string {
  const keyword = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return STATEMENT_KINDS.has(keyword) ? keyword : 'OTHER';
}

/**
 * Postgres statement timings for `clientAdapter({ onQueryDone })` of @storegraph/prisma:
 * `db_query_duration_seconds{statement, outcome}`.
 */
export function postgresQueryTimer(metrics: ServiceMetrics) {
  const histogram = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Time of one Postgres statement, by its leading keyword and outcome (ok or error)',
    labelNames: ['statement', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  return (sql: string, seconds: number, failed: boolean) =>
    histogram.observe({ statement: statementLabel(sql), outcome: failed ? 'error' : 'ok' }, seconds);
}

/**
 * Times every command a Redis client sends: `redis_command_duration_seconds{client,
 * command, outcome}`. Several clients of one process share the histogram.
 */
export function observeRedis(redis: Redis, metrics: ServiceMetrics, client: string): Redis {
  const name = 'redis_command_duration_seconds';
  const histogram =
    (metrics.registry.getSingleMetric(name) as Histogram<'client' | 'command' | 'outcome'> | undefined) ??
    new Histogram({
      name,
      help: 'Time of one Redis command, by client (its purpose), command and outcome (ok or error)',
      labelNames: ['client', 'command', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [metrics.registry],
    });
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], ...rest: unknown[]) => {
    const started = process.hrtime.bigint();
    const commandName = command.name.toLowerCase();
    const span = startStoreSpan(`redis ${commandName}`, {
      'db.system': 'redis',
      'db.operation': commandName,
      'db.client': client,
    });
    const observe = (outcome: string) => {
      histogram.observe({ client, command: commandName, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      span?.end();
    };
    command.promise.then(
      () => observe('ok'),
      () => observe('error'),
    );
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Redis['sendCommand'];
  return redis;
}
