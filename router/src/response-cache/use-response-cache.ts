import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { RouterContext } from '../context.js';
import type { EdgePlugin } from '../edge/edge-plugin.js';
import { type OperationShape, operationAnalyser } from './operation-subgraphs.js';
import { idsIn, type ResponseStore } from './response-store.js';

/** Root fields whose answer is one product: kept until that product (or a variant) changes. */
const KEYED_ROOT_FIELDS = new Set(['product']);

export interface ResponseCacheOptions {
  schema: GraphQLSchema;
  supergraphSdl: string;
  store: ResponseStore;
  /** Subgraphs whose query answers are the same for every caller, and that send change notices. */
  subgraphs: ReadonlySet<string>;
  /** False while change notices may be missed: nothing is served from or kept in the store then. */
  live(): boolean;
  metrics: { inc(labels: { result: 'hit' | 'miss' | 'stored' | 'bypass' }): void };
}

const HEADER = 'x-storegraph-cache';

/**
 * Serves public catalog answers from the router's memory. A query is cached when every
 * field it selects can come from the cacheable subgraphs (products and search by
 * default: their queries do not depend on who asks), it succeeded without errors, and
 * change notices are arriving. The key is the operation's text, name and variables,
 * never the caller: the same answer goes to everyone. An answer is dropped when a
 * notice says a product it shows changed (an answer about one product), or when any
 * product of its subgraph changed (lists, searches, a "not found"), when a mutation
 * through this router touches its subgraphs, and at the latest after the TTL.
 * Limits and rate limits run before (a cached answer costs what it would cost).
 */
export function useResponseCache(options: ResponseCacheOptions): EdgePlugin {
  const analyse = operationAnalyser(options.schema, options.supergraphSdl);
  const shapes = new Map<string, OperationShape | null>();
  const shapeOf = (queryHash: string, document: DocumentNode, operationName: string | null | undefined) => {
    const memo = `${queryHash}\u0000${operationName ?? ''}`;
    let shape = shapes.get(memo);
    if (shape === undefined) {
      shape = analyse(document, operationName);
      if (shapes.size > 5_000) shapes.clear();
      shapes.set(memo, shape);
    }
    return shape;
  };
  const { store, metrics } = options;

  const apollo: ApolloServerPlugin<RouterContext> = {
    async requestDidStart() {
      let key: string | undefined;
      let shape: OperationShape | null = null;
      let startedAt = 0;
      let served = false;
      return {
        async responseForOperation(rc) {
          if (!rc.document || !rc.queryHash) return null;
          shape = shapeOf(rc.queryHash, rc.document, rc.operationName);
          if (!shape) return null;
          if (shape.kind === 'mutation') {
            // Answers computed while the mutation runs may predate it: none of them is kept.
            if ([...shape.rootSubgraphs].some((s) => options.subgraphs.has(s))) store.bump();
            return null;
          }
          if (shape.kind !== 'query' || !shape.onlyFrom(options.subgraphs) || !options.live()) {
            metrics.inc({ result: 'bypass' });
            return null;
          }
          key = createHash('sha256')
            .update(rc.queryHash)
            .update('\u0000')
            .update(rc.operationName ?? '')
            .update('\u0000')
            .update(JSON.stringify(rc.request.variables ?? {}))
            .digest('base64url');
          startedAt = store.generation;
          const data = store.get(key);
          rc.response.http.headers.set(HEADER, data === undefined ? 'miss' : 'hit');
          metrics.inc({ result: data === undefined ? 'miss' : 'hit' });
          if (data === undefined) return null;
          served = true;
          return {
            http: rc.response.http,
            body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } },
          };
        },
        async willSendResponse(rc) {
          if (!shape) return;
          if (shape.kind === 'mutation') {
            const touched = new Set([...shape.rootSubgraphs].filter((s) => options.subgraphs.has(s)));
            if (touched.size > 0) store.invalidateSubgraphs(touched);
            return;
          }
          if (!key || served || rc.response.body.kind !== 'single') return;
          const { data, errors } = rc.response.body.singleResult;
          if (errors?.length || !data || !options.live()) return;
          const keyed = shape.rootFields.every((f) => KEYED_ROOT_FIELDS.has(f)) && !shape.nestedLists;
          const ids = keyed ? idsIn(data) : null;
          const stored = store.set(
            key,
            {
              data,
              bytes: JSON.stringify(data).length * 2,
              subgraphs: new Set([...shape.subgraphs].filter((s) => options.subgraphs.has(s))),
              ids: ids && ids.size > 0 ? ids : null,
            },
            startedAt,
          );
          if (stored) metrics.inc({ result: 'stored' });
        },
      };
    },
  };
  return { name: 'response-cache', apollo };
}
