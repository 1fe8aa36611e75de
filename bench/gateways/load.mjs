// The load generator, in a process of its own (forked by harness.mjs, driven over IPC)
// so that its CPU is never counted as the gateway's. Plain node:http on keep-alive
// sockets; every answer is checked (HTTP 200, a `data` and no `errors`).
//
// Two modes:
// - closed: `connections` clients each send a request as soon as the previous one is
//   answered, for `durationMs`: saturation throughput.
// - open: requests are sent on a fixed schedule (`rate` a second) whatever the
//   answers; latency is counted from the scheduled time, so a stalled server cannot
//   hide its queue (no coordinated omission).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { internalCallHeaders } from '@storegraph/auth';

function requester(target) {
  const url = new URL(target.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: target.maxSockets ?? 256 });
  const body = Buffer.from(JSON.stringify(target.body));
  const headers = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    ...target.headers,
  };
  // Straight to a subgraph: sign each call as the router does (the proof is valid a minute).
  const signed = () =>
    target.signWith
      ? {
          ...headers,
          ...internalCallHeaders(target.signWith, {
            requestId: randomUUID(),
            clientIp: '127.0.0.1',
            authorization: target.headers?.authorization,
          }),
        }
      : headers;
  return () =>
    new Promise((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: signed() },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode}`);
            const text = Buffer.concat(chunks).toString('utf8');
            // Cheap check on the hot path; the harness compares full answers before measuring.
            if (!text.startsWith('{"data":{') || text.includes('"errors"')) return resolve(text.slice(0, 300));
            resolve(null);
          });
          res.on('error', (e) => resolve(String(e)));
        },
      );
      req.on('error', (e) => resolve(String(e)));
      req.end(body);
    });
}

function summary(latencies, errors, elapsedMs, firstError) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : Number.NaN);
  return {
    completed: latencies.length,
    errors,
    firstError,
    elapsedMs,
    throughput: (latencies.length / elapsedMs) * 1000,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

async function closed(send, { connections, durationMs }) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const error = await send();
        if (error) {
          errors += 1;
          firstError ??= error;
        } else latencies.push(performance.now() - t);
      }
    }),
  );
  return summary(latencies, errors, performance.now() - started, firstError);
}

async function open(send, { rate, durationMs }) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const interval = 1000 / rate;
  const total = Math.round((durationMs / 1000) * rate);
  const started = performance.now();
  const pending = [];
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const scheduled = started + sent * interval;
        sent += 1;
        pending.push(
          send().then((error) => {
            if (error) {
              errors += 1;
              firstError ??= error;
            } else latencies.push(performance.now() - scheduled);
          }),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(interval, started + sent * interval - performance.now())));
    };
    tick();
  });
  await Promise.all(pending);
  return summary(latencies, errors, performance.now() - started, firstError);
}

process.on('message', async (message) => {
  const send = requester(message.target);
  const run = message.mode === 'open' ? open : closed;
  if (message.warmupMs > 0) await run(send, { ...message, durationMs: message.warmupMs });
  process.send({ type: 'measuring' });
  const result = await run(send, message);
  process.send({ type: 'result', result });
});
