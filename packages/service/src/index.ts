export {
  CLIENT_ERROR_CODES,
  type GraphQLEndpointOptions,
  graphqlPlugins,
  httpErrorHandler,
  INTERNAL_ERROR_MESSAGE,
  maskErrors,
  mountGraphQL,
} from './graphql.js';
export { type HttpAnswer, type HttpRequestInit, httpRequest } from './http-client.js';
export {
  createHttpService,
  type HttpService,
  type HttpServiceOptions,
  type ReadinessCheck,
} from './http-service.js';
export { inTurn, postsOnly } from './in-turn.js';
export { jsonBody } from './json-body.js';
export {
  createServiceMetrics,
  graphqlMetricsPlugin,
  LATENCY_BUCKETS,
  type MetricsServer,
  operationLabel,
  routeLabel,
  type ServiceMetrics,
  type ServiceMetricsOptions,
  startMetricsServer,
} from './metrics.js';
export { createFailFastRedis } from './redis.js';
export { runService } from './run-service.js';
export { observeRedis, postgresQueryTimer, statementLabel } from './store-metrics.js';
export {
  endServerSpan,
  startServerSpan,
  startStoreSpan,
  startTracing,
  type Tracing,
  withClientSpan,
} from './tracing.js';
