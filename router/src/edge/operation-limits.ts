import type { Logger } from '@storegraph/logger';
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, parse } from 'graphql';
import { type LimitViolation, limitViolation, type OperationLimits } from '../limits/limit-violation.js';
import {
  type CostModel,
  measureOperation,
  type OperationMeasure,
  selectOperation,
} from '../limits/operation-measure.js';
import { sendEdgeError } from './edge-error.js';
import type { EdgePlugin } from './edge-plugin.js';
import { readGraphQLParams } from './graphql-request.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set by useOperationLimits for an operation within every limit. */
      operation?: OperationMeasure;
    }
  }
}

// graphql 16 words it "more that N tokens"; accept the corrected wording of later versions too.
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/** Entries kept by each of the operation caches (the oldest goes first), and the longest key kept. */
const CACHE_ENTRIES = 2_000;
const CACHE_KEY_CHARS = 16_384;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (key.length > CACHE_KEY_CHARS) return value;
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * Why no operation of a document that holds some was selected (graphql-js's words),
 * or undefined for a document without operations (validation refuses it).
 */
function resolutionFailure(document: DocumentNode, operationName: string | undefined): string | undefined {
  if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) return undefined;
  return operationName
    ? `Unknown operation named "${operationName}".`
    : 'Must provide operation name if query contains multiple operations.';
}

/**
 * Parses the operation (stopping at `maxTokens`), measures it against the API schema
 * and refuses it with 400 and a specific code before anything is planned or
 * executed. Documents that do not parse, or name no runnable operation, go on to
 * Apollo Server, which refuses them with its own errors.
 */
export function useOperationLimits(options: {
  schema: GraphQLSchema;
  limits: OperationLimits;
  cost: Omit<CostModel, 'maxPageSize'>;
  logger: Logger;
  /** Documents parsed ahead (the persisted manifests' bodies), so their first request is as fast as the next. */
  warm?: Iterable<string>;
}): EdgePlugin {
  const { limits, logger } = options;
  // A document parses the same every time, and a measure depends only on the document,
  // the operation name and the variables: both are kept (bounded), keyed by their inputs.
  const documents = new Map<string, ReturnType<typeof parse>>();
  const measures = new Map<string, OperationMeasure>();
  // A measure's key names its document by a number, not by its whole text.
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const documentId = (document: DocumentNode) => {
    let id = documentIds.get(document);
    if (id === undefined) {
      id = nextDocumentId++;
      documentIds.set(document, id);
    }
    return id;
  };
  for (const body of options.warm ?? []) {
    try {
      remember(documents, body, parse(body, { maxTokens: limits.maxTokens, noLocation: true }));
    } catch {
      // A manifest body the limits refuse is refused again when it is asked for.
    }
  }
  const model: CostModel = { ...options.cost, maxPageSize: limits.maxPageSize };
  const refuse = (violation: LimitViolation): LimitViolation => {
    logger.info({ code: violation.code }, 'operation refused by a limit');
    return violation;
  };
  return {
    name: 'operation-limits',
    http(req, res, next) {
      const params = readGraphQLParams(req);
      if (params?.query === undefined) {
        next();
        return;
      }
      let document = documents.get(params.query);
      try {
        document ??= remember(
          documents,
          params.query,
          parse(params.query, { maxTokens: limits.maxTokens, noLocation: true }),
        );
      } catch (error) {
        if (error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message)) {
          const message = `The operation has more than ${limits.maxTokens} tokens.`;
          sendEdgeError(req, res, 400, refuse({ code: 'MAX_TOKENS_EXCEEDED', message }));
          return;
        }
        next();
        return;
      }
      const operation = selectOperation(document, params.operationName);
      if (!operation) {
        const message = resolutionFailure(document, params.operationName);
        if (!message) {
          next();
          return;
        }
        // The gateway would throw on it, and the client would get a 500 for its own mistake.
        sendEdgeError(req, res, 400, { code: 'OPERATION_RESOLUTION_FAILURE', message });
        return;
      }
      const measureKey = `${documentId(document)}\n${params.operationName ?? ''}\n${JSON.stringify(params.variables)}`;
      const measure =
        measures.get(measureKey) ??
        remember(measures, measureKey, measureOperation(options.schema, document, operation, params.variables, model));
      const violation = limitViolation(measure, limits);
      if (violation) {
        const { code, message, field } = refuse(violation);
        sendEdgeError(req, res, 400, { code, message, extensions: field ? { field } : {} });
        return;
      }
      res.locals.operation = measure;
      next();
    },
  };
}
