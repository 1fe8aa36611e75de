import type { ApolloGateway } from '@apollo/gateway';
import {
  type ApolloServerPlugin,
  type GraphQLRequestContext,
  type GraphQLRequestListener,
  HeaderMap,
} from '@apollo/server';
import type { Logger } from '@storegraph/logger';
import type { Request, RequestHandler, Response } from 'express';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { type RouterContext, routerContext } from '../context.js';
import type { KnownOperation } from '../persisted/manifest.js';

/** A manifest operation parsed and validated once, when the router starts. */
interface PreparedOperation {
  name: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** SHA-256 of the body, as Apollo Server would compute it (its document and plan caches' key). */
  queryHash: string;
  /** The document's only operation: the gateway needs no name to pick it. */
  single: boolean;
}

/**
 * Manifest operations by their exact text. loadManifests has validated each against the
 * API schema (the router does not start otherwise), so they are only parsed here.
 */
export function prepareOperations(operations: Iterable<KnownOperation>): Map<string, PreparedOperation> {
  const prepared = new Map<string, PreparedOperation>();
  for (const op of operations) {
    const document = parse(op.body, { noLocation: true });
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation || op.type === 'subscription') continue;
    const single = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1;
    prepared.set(op.body, { name: op.name, document, operation, queryHash: op.id, single });
  }
  return prepared;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * True when Apollo Server would answer this Accept header with plain JSON: no header,
 * anything, or JSON without the media types it might prefer (graphql-response+json,
 * multipart, the callback type). The rest goes to Apollo Server, which negotiates.
 */
function acceptsPlainJson(accept: string | undefined): boolean {
  if (!accept || accept === '*/*') return true;
  return accept.includes('application/json') && !/graphql|multipart|callback/.test(accept);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FastPathMetrics {
  inc(labels: { result: 'served' | 'passed' }): void;
}

/**
 * Runs the manifests' operations past Apollo Server's request pipeline: their documents
 * were parsed and validated at start, so a request whose text (after a persisted id was
 * resolved at the edge) is one of them goes straight to the gateway's executor, and
 * only the request plugins' hooks are run around it (response cache, cost, metrics),
 * in Apollo Server's order. Answers are what Apollo Server would send: the same error
 * formatting (`formatError`), body and status.
 *
 * Everything else goes on to Apollo Server untouched: other documents, GET and batched
 * requests, other `operationName`s, variables that are not an object or do not coerce
 * (checked here before anything runs, so Apollo Server answers them with its own 400),
 * and Accept headers Apollo Server would negotiate to another media type.
 */
export function knownOperationsFastPath(options: {
  gateway: ApolloGateway;
  operations: Map<string, PreparedOperation>;
  /** Apollo Server's request plugins, in its order. */
  plugins: ApolloServerPlugin<RouterContext>[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  metrics: FastPathMetrics;
}): RequestHandler {
  const { gateway, operations, plugins, formatError, logger, metrics } = options;
  const requestPlugins = plugins.filter((p) => p.requestDidStart);

  const prepare = (req: Request) => {
    if (req.method !== 'POST' || !isRecord(req.body) || typeof req.body.query !== 'string') return undefined;
    const prepared = operations.get(req.body.query);
    if (!prepared || !acceptsPlainJson(req.headers.accept)) return undefined;
    const { operationName, variables } = req.body;
    if (operationName != null && operationName !== prepared.name) return undefined;
    if (variables != null && !isRecord(variables)) return undefined;
    const schema = gateway.schema;
    if (!schema) return undefined;
    // Coercion problems go to Apollo Server for its own answer (nothing has run yet).
    const coerced = getVariableValues(schema, prepared.operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return undefined;
    return { prepared, schema, variables: (variables ?? {}) as Record<string, unknown> };
  };

  return async (req, res, next) => {
    const request = prepare(req);
    if (!request) {
      metrics.inc({ result: 'passed' });
      next();
      return;
    }
    metrics.inc({ result: 'served' });
    try {
      await answer(req, res, request);
    } catch (error) {
      next(error);
    }
  };

  async function answer(req: Request, res: Response, request: NonNullable<ReturnType<typeof prepare>>) {
    const { prepared, schema, variables } = request;
    const contextValue = routerContext(req, res);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const source = req.body.query as string;
    const rc = {
      logger,
      cache: undefined,
      schema,
      request: {
        query: source,
        operationName: prepared.name,
        variables,
        extensions: isRecord(req.body.extensions) ? req.body.extensions : undefined,
        http: { method: 'POST', headers, search: '', body: req.body },
      },
      response: { http: { headers: new HeaderMap(), status: undefined as number | undefined } },
      contextValue,
      metrics: {},
      overallCachePolicy: undefined,
      requestIsBatched: false,
      source,
      queryHash: prepared.queryHash,
      document: prepared.document,
      operation: prepared.operation,
      operationName: prepared.name,
      errors: undefined as readonly GraphQLError[] | undefined,
    } as unknown as GraphQLRequestContext<RouterContext> & {
      response: { body?: { kind: 'single'; singleResult: FormattedExecutionResult } };
      errors?: readonly GraphQLError[];
    };
    // Each hook the way Apollo Server's pipeline calls it for a document it had cached.
    const listeners = (await Promise.all(requestPlugins.map((p) => p.requestDidStart?.(rc as never)))).filter(
      (l): l is GraphQLRequestListener<RouterContext> => Boolean(l),
    );
    const each = (hook: (l: GraphQLRequestListener<RouterContext>) => unknown) => Promise.all(listeners.map(hook));
    const didEncounterErrors = async (errors: readonly GraphQLError[]) => {
      rc.errors = errors;
      await each((l) => l.didEncounterErrors?.(rc as never));
    };
    const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(enrich(e), e));
    const send = async () => {
      await each((l) => l.willSendResponse?.(rc as never));
      for (const [key, value] of rc.response.http.headers) res.setHeader(key, value);
      res.setHeader('content-type', JSON_CONTENT_TYPE);
      // What Apollo Server's cache-control plugin sends: no subgraph gives a cache hint.
      if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
      res.statusCode = rc.response.http.status ?? 200;
      const result = rc.response.body?.singleResult ?? {};
      res.send(`${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`);
    };

    /** Apollo Server's answer to a hook or the executor throwing: the error alone, 500 unless it says otherwise. */
    const sendError = async (error: unknown) => {
      const errors = [asGraphQLError(error)];
      await didEncounterErrors(errors);
      rc.response.body = { kind: 'single', singleResult: { errors: format(errors) } };
      rc.response.http.status ??= 500;
      await send();
    };

    try {
      await each((l) => l.didResolveSource?.(rc as never));
      await each((l) => l.didResolveOperation?.(rc as never));
    } catch (error) {
      await sendError(error);
      return;
    }
    let fromPlugin: Awaited<ReturnType<NonNullable<GraphQLRequestListener<RouterContext>['responseForOperation']>>> =
      null;
    for (const listener of listeners) {
      fromPlugin = (await listener.responseForOperation?.(rc as never)) ?? null;
      if (fromPlugin) break;
    }
    if (fromPlugin) {
      rc.response.body = fromPlugin.body as typeof rc.response.body;
      for (const [key, value] of fromPlugin.http?.headers ?? []) rc.response.http.headers.set(key, value);
      if (fromPlugin.http?.status) rc.response.http.status = fromPlugin.http.status;
      await send();
      return;
    }
    const executionListeners = (await each((l) => l.executionDidStart?.(rc as never))).filter(
      (l): l is { executionDidEnd?: (error?: Error) => Promise<void> } => Boolean(l),
    );
    let result: Awaited<ReturnType<ApolloGateway['executor']>>;
    try {
      result = await gateway.executor(gatewayContext(rc, headers, prepared.single));
    } catch (error) {
      await Promise.all(executionListeners.map((l) => l.executionDidEnd?.(error as Error)));
      await sendError(error);
      return;
    }
    const errors = result.errors?.map(asGraphQLError);
    if (errors?.length) await didEncounterErrors(errors);
    if (errors?.length && result.data === undefined) rc.response.http.status ??= 400;
    rc.response.body = {
      kind: 'single',
      singleResult: { ...result, errors: errors?.length ? format(errors) : undefined } as FormattedExecutionResult,
    };
    await Promise.all(executionListeners.map((l) => l.executionDidEnd?.()));
    await send();
  }

  /**
   * What the gateway's executor reads of a request (Apollo Server's own adapter, in
   * short). For a document of one operation the name is left out of the request: the
   * gateway then keys its plan cache by the query hash alone instead of hashing hash
   * and name again on every request (the operation is the same; spans and metrics
   * still name it).
   */
  function gatewayContext(rc: GraphQLRequestContext<RouterContext>, headers: HeaderMap, single: boolean) {
    return {
      request: {
        query: rc.request.query,
        operationName: single ? undefined : rc.request.operationName,
        variables: rc.request.variables,
        extensions: rc.request.extensions,
        http: { method: 'POST', url: 'https://unknown-url.invalid/', headers: fetcherHeaders(headers) },
      },
      response: { http: { headers: fetcherHeaders(rc.response.http.headers), status: undefined } },
      logger,
      schema: rc.schema,
      context: rc.contextValue,
      cache: undefined,
      queryHash: rc.queryHash,
      document: rc.document,
      source: rc.source,
      operationName: rc.operationName,
      operation: rc.operation,
      metrics: rc.metrics,
      debug: false,
      overallCachePolicy: undefined,
      requestIsBatched: false,
    } as unknown as Parameters<ApolloGateway['executor']>[0];
  }
}

/** A HeaderMap seen through the fetch Headers methods the gateway calls. */
function fetcherHeaders(map: HeaderMap) {
  return {
    get: (name: string) => map.get(name.toLowerCase()) ?? null,
    has: (name: string) => map.has(name.toLowerCase()),
    set: (name: string, value: string) => void map.set(name.toLowerCase(), value),
    append: (name: string, value: string) => {
      const key = name.toLowerCase();
      const old = map.get(key);
      map.set(key, old === undefined ? value : `${old}, ${value}`);
    },
    delete: (name: string) => void map.delete(name.toLowerCase()),
    forEach: (fn: (value: string, name: string) => void) => {
      for (const [name, value] of map) fn(value, name);
    },
    entries: () => map.entries(),
    keys: () => map.keys(),
    values: () => map.values(),
    [Symbol.iterator]: () => map.entries(),
  };
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error) return new GraphQLError(error.message, { originalError: error });
  return new GraphQLError('Unexpected error');
}

/**
 * Apollo Server's error shape before formatError: a code on every error
 * (INTERNAL_SERVER_ERROR by default), no `http` extension.
 */
function enrich(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions }: Record<string, unknown> = {
    ...error.extensions,
    code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
  };
  return { ...error.toJSON(), extensions };
}
