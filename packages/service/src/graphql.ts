import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { currentRequestId, type Logger } from '@storegraph/logger';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { HttpService } from './http-service.js';
import { inTurn } from './in-turn.js';
import { jsonBody } from './json-body.js';
import { graphqlMetricsPlugin } from './metrics.js';

/**
 * Error codes whose message is meant for the client. Anything else is an internal
 * fault: logged with the request id, and replaced by a generic message so that no
 * stack, SQL or internal address reaches a client.
 */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_REQUIRED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * graphql-js appends schema hints to messages; Apollo's hideSchemaDetailsFromClientErrors
 * removes them from validation errors only, not from variable coercion ("Value
 * "CREATD_AT" does not exist in "ProductSortKey" enum. Did you mean the enum value …?").
 */
const SCHEMA_HINT = /\s*Did you mean [^?]*\?/g;

/**
 * Every error a client sees carries a code and the request id, so a report can be
 * matched with the log lines of every service the request touched.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestId();
    const withRequestId = (extensions: Record<string, unknown>) =>
      requestId ? { ...extensions, requestId } : extensions;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const extensions: Record<string, unknown> = { code };
      for (const key of ['field', 'retryAfter', 'cost'] as const) {
        if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      }
      return {
        message: formatted.message.replace(SCHEMA_HINT, ''),
        locations: formatted.locations,
        path: formatted.path,
        extensions: withRequestId(extensions),
      };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while serving GraphQL');
    return {
      message: INTERNAL_ERROR_MESSAGE,
      path: formatted.path,
      extensions: withRequestId({ code: 'INTERNAL_SERVER_ERROR' }),
    };
  };
}

export interface GraphQLEndpointOptions<TContext extends BaseContext> {
  apollo: ApolloServerOptions<TContext>;
  context: (req: Request, res: Response) => Promise<TContext>;
  path?: string;
  /** Largest accepted request body in bytes (1 MiB unless given). */
  bodyLimit?: number;
}

/** Body-parser and other HTTP-level failures, answered in GraphQL's error shape. */
export const httpErrorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode) || 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const byStatus: Record<number, [string, string]> = {
      400: ['BAD_REQUEST', 'The request body is not valid JSON.'],
      413: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
      415: ['BAD_REQUEST', 'Unsupported content type.'],
    };
    const [code, message] = byStatus[status] ?? ['INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE];
    if (res.headersSent) return;
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .json({ errors: [{ message, extensions: { code, requestId: req.requestId } }] });
  };

/**
 * The plugins of every service's Apollo Server, the house ones first: no federated
 * tracing (ftv1 is for Apollo's hosted studio, which Storegraph does not use), no
 * landing page (the default loads Apollo Sandbox from a CDN; Storegraph serves nothing
 * from other hosts), operation metrics. The router's fast path runs the same list.
 */
export function graphqlPlugins<TContext extends BaseContext>(
  service: HttpService,
  plugins: ApolloServerPlugin<TContext>[],
): ApolloServerPlugin<TContext>[] {
  return [
    ApolloServerPluginInlineTraceDisabled(),
    ApolloServerPluginLandingPageDisabled(),
    graphqlMetricsPlugin<TContext>(service.metrics),
    ...plugins,
  ];
}

/**
 * Mounts an Apollo Server on the service with the house defaults: masked errors,
 * no stack traces, no schema hints ("did you mean …") in client errors, CSRF
 * prevention on, and a bounded JSON body.
 */
export async function mountGraphQL<TContext extends BaseContext>(
  service: HttpService,
  logger: Logger,
  options: GraphQLEndpointOptions<TContext>,
): Promise<ApolloServer<TContext>> {
  const apollo = new ApolloServer<TContext>({
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    formatError: maskErrors(logger),
    ...options.apollo,
    plugins: graphqlPlugins(service, options.apollo.plugins ?? []),
  } as ApolloServerOptions<TContext>);
  await apollo.start();
  const path = options.path ?? '/graphql';
  service.app.use(
    path,
    inTurn([
      jsonBody({ limit: options.bodyLimit ?? 1_048_576 }),
      expressMiddleware(apollo, { context: ({ req, res }) => options.context(req, res) }),
    ]),
  );
  service.app.use((req, res) => {
    res
      .status(404)
      .json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND', requestId: req.requestId } }] });
  });
  service.app.use(httpErrorHandler(logger));
  return apollo;
}
