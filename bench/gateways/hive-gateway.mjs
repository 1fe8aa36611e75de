// Hive Gateway (The Guild) in a process of its own, on the committed supergraph, for the
// router benchmarks. One process (no workers), so that it uses one core at most, like
// our router. With --rust it plans with Hive Router's Rust query planner
// (@graphql-hive/router-runtime's unifiedGraphHandler) instead of the default
// JavaScript stitching runtime.
//
// Every subgraph call carries the same internal proof our router signs (request id,
// client address, the caller's Authorization header, HMAC under INTERNAL_SECRET), made
// by the same function (in a fetch hook): the subgraphs refuse calls without it, and the comparison pays
// the same signing cost on both sides.
//
//   node gateways/hive-gateway.mjs --port 4010 --supergraph supergraph.graphql [--rust]
//   env: INTERNAL_SECRET, SUBGRAPH_URLS (JSON: subgraph name -> GraphQL URL)
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { internalCallHeaders } from '@storegraph/auth';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(arg('--port'));
const secret = process.env.INTERNAL_SECRET;
if (!port || !secret || !arg('--supergraph')) {
  process.stderr.write('usage: hive-gateway.mjs --port <n> --supergraph <file> [--rust] (INTERNAL_SECRET set)\n');
  process.exit(2);
}
const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}');
// The committed supergraph names the default ports; the bench's subgraphs listen elsewhere.
const supergraph = readFileSync(arg('--supergraph'), 'utf8').replace(
  /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
  (whole, name) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
);

const rust = args.includes('--rust');
const extra = rust ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {};

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  // As our router in the bench: no landing page, no GraphiQL.
  graphiql: false,
  landingPage: false,
  plugins: () => [
    {
      // Last of the fetch hooks (user plugins run after Hive's own), so the request id
      // it signs is the one Hive Gateway's request-id plugin has put on the call.
      onFetch({ context, options, setOptions }) {
        const authorization = context?.request?.headers.get('authorization') ?? undefined;
        const requestId = options.headers?.['x-request-id'] ?? randomUUID();
        setOptions({
          ...options,
          headers: {
            ...options.headers,
            ...(authorization ? { authorization } : {}),
            ...internalCallHeaders(secret, { requestId, clientIp: '127.0.0.1', authorization }),
          },
        });
      },
    },
  ],
  ...extra,
});

const server = createServer(gateway);
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`hive gateway${rust ? ' (rust planner)' : ''} on http://127.0.0.1:${port}/graphql\n`);
});
const stop = () => server.close(() => gateway.dispose?.().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
