export {
  CLIENT_ERROR_CODES,
  type GraphQLEndpointOptions,
  httpErrorHandler,
  INTERNAL_ERROR_MESSAGE,
  maskErrors,
  mountGraphQL,
} from './graphql.js';
export {
  createHttpService,
  type HttpService,
  type HttpServiceOptions,
  type ReadinessCheck,
} from './http-service.js';
export { createFailFastRedis } from './redis.js';
export { runService } from './run-service.js';
