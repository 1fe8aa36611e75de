import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptRequestId, type Logger, REQUEST_ID_HEADER, withRequestScope } from '@storegraph/logger';
import express, { type Express as ExpressApp, type Request } from 'express';

/** A readiness check: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

export interface HttpServiceOptions {
  name: string;
  logger: Logger;
  /** Named checks of the service's own dependencies, run by /readyz. */
  readiness?: Record<string, ReadinessCheck>;
  /**
   * Checks /readyz reports without becoming unready: dependencies the service
   * degrades without (the router serves the other subgraphs while one is down).
   */
  degradedBy?: Record<string, ReadinessCheck>;
  /** Per-check limit for /readyz. */
  readinessTimeoutMs?: number;
  /** How long SIGTERM waits for in-flight requests before closing connections. */
  shutdownDeadlineMs?: number;
  /** Run after the HTTP server has drained: close pools and clients here. */
  onShutdown?: Array<() => Promise<unknown>>;
}

export interface HttpService {
  app: ExpressApp;
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops accepting, drains in-flight requests within the deadline, then runs onShutdown. */
  stop(): Promise<void>;
  /** Exits the process after stop() on SIGTERM/SIGINT. */
  stopOnSignals(): void;
  readonly inFlight: number;
}

declare global {
  namespace Express {
    interface Request {
      requestId: string;
    }
  }
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function createHttpService(options: HttpServiceOptions): HttpService {
  const { logger } = options;
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2_000;
  const shutdownDeadlineMs = options.shutdownDeadlineMs ?? 10_000;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  let server: Server | undefined;
  let inFlight = 0;
  let stopping: Promise<void> | undefined;
  let idle: (() => void) | undefined;

  app.use((req: Request, res, next) => {
    inFlight += 1;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    };
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      done();
      if (req.path === '/healthz' || req.path === '/readyz') return;
      // The path only: a GET query string can carry variables, and so secrets.
      logger.info(
        {
          requestId: req.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        },
        'request',
      );
    });
    res.on('close', done);
    req.requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    if (stopping) res.setHeader('connection', 'close');
    withRequestScope({ requestId: req.requestId }, next);
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });

  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'stopping', service: options.name, checks: {} });
      return;
    }
    const required = new Set(Object.keys(options.readiness ?? {}));
    const entries = Object.entries({ ...options.degradedBy, ...options.readiness });
    const results = await Promise.all(
      entries.map(async ([name, check]) => {
        try {
          await timeout(check(), readinessTimeoutMs);
          return [name, 'up'] as const;
        } catch (error) {
          logger.warn({ check: name, err: error }, 'readiness check failed');
          return [name, 'down'] as const;
        }
      }),
    );
    const ready = results.every(([name, state]) => state === 'up' || !required.has(name));
    const degraded = results.some(([, state]) => state === 'down');
    res.status(ready ? 200 : 503).json({
      status: ready ? (degraded ? 'degraded' : 'ready') : 'unavailable',
      service: options.name,
      checks: Object.fromEntries(results),
    });
  });

  async function drain(): Promise<void> {
    const current = server;
    if (current) {
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      current.closeIdleConnections();
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => {
          idle = resolve;
        });
        const deadline = new Promise<'deadline'>((resolve) =>
          setTimeout(() => resolve('deadline'), shutdownDeadlineMs).unref(),
        );
        const outcome = await Promise.race([drained, deadline]);
        if (outcome === 'deadline') {
          logger.warn({ inFlight }, 'shutdown deadline reached; closing remaining connections');
        }
      }
      current.closeAllConnections();
      await closed;
    }
    for (const hook of options.onShutdown ?? []) {
      try {
        await hook();
      } catch (error) {
        logger.error({ err: error }, 'shutdown hook failed');
      }
    }
  }

  const service: HttpService = {
    app,
    get inFlight() {
      return inFlight;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (error?: Error) => {
          if (error) {
            reject(error);
            return;
          }
          const address = s.address() as AddressInfo;
          const shownHost = host.includes(':') ? `[${host}]` : host;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
        // Longer than any load balancer's idle timeout, so it closes first.
        s.keepAliveTimeout = 65_000;
        s.headersTimeout = 66_000;
        server = s;
      });
    },
    stop() {
      stopping ??= drain();
      return stopping;
    },
    stopOnSignals() {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info({ signal }, 'shutting down');
        service.stop().then(
          () => {
            logger.info('stopped');
            process.exit(0);
          },
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
  };
  return service;
}
