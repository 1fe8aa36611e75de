import type { Logger } from '@storegraph/logger';
import type { Request, Response } from 'express';
import type { KnownOperation } from '../persisted/manifest.js';
import type { PartnerKey, PartnerKeyStore } from '../persisted/partner-keys.js';
import { sendEdgeError } from './edge-error.js';
import type { EdgePlugin } from './edge-plugin.js';
import { type GraphQLParams, readGraphQLParams } from './graphql-request.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set when the request carries a valid partner API key. */
      partner?: { id: string; tier: string };
    }
  }
}

/** off: any operation; log: unknown operations are served and logged; enforce: only known operations. */
export type SafelistMode = 'off' | 'log' | 'enforce';

export const PARTNER_KEY_HEADER = 'x-api-key';

/** The persisted id a request names: Apollo's `extensions.persistedQuery.sha256Hash`, or `documentId`. */
function persistedId(params: GraphQLParams): string | undefined {
  const apq = params.extensions.persistedQuery as { sha256Hash?: unknown } | undefined;
  if (typeof apq?.sha256Hash === 'string') return apq.sha256Hash;
  const documentId = params.source.documentId;
  return typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : undefined;
}

/**
 * Puts the persisted body in place of the id, where Apollo Server and the later edge
 * plugins read the operation: the JSON body, or for a GET the URL's query string.
 */
function substituteBody(req: Request, params: GraphQLParams, operation: KnownOperation): void {
  if (req.method === 'GET') {
    const url = new URL(req.url, 'http://router.invalid');
    url.searchParams.set('query', operation.body);
    url.searchParams.delete('extensions');
    url.searchParams.delete('documentId');
    req.url = `${url.pathname}${url.search}`;
    return;
  }
  params.source.query = operation.body;
  delete params.source.documentId;
  const { persistedQuery: _apq, ...extensions } = params.extensions;
  params.source.extensions = extensions;
}

const mayRun = (key: PartnerKey, op: KnownOperation) =>
  (key.operations.includes(op.id) || key.operations.includes(`manifest:${op.manifest}`)) &&
  key.scopes.includes(op.type === 'query' ? 'read' : 'write');

/**
 * Persisted operations from the manifests under schema/persisted-queries.
 *
 * - A partner (`x-api-key`) must name a persisted operation its key allows: a
 *   freeform document is PERSISTED_QUERY_REQUIRED, an unknown id
 *   PERSISTED_QUERY_NOT_FOUND, an operation outside its list or scopes FORBIDDEN.
 * - Anyone may name a known id instead of sending the document.
 * - The safelist mode decides what happens to operations no manifest holds.
 */
export function usePersistedQueries(options: {
  operations: Map<string, KnownOperation>;
  keys: PartnerKeyStore;
  safelist: SafelistMode;
  /** How long a verified key is trusted before it is read again (revocation delay). */
  keyCacheMs: number;
  logger: Logger;
}): EdgePlugin {
  const { operations, safelist, logger } = options;
  // A text is known when it is a manifest body (whose id is its SHA-256): found without hashing it.
  const byBody = new Map([...operations.values()].map((op) => [op.body, op]));
  const cache = new Map<string, { key: PartnerKey | null; until: number }>();
  const lookup = async (secret: string) => {
    const hit = cache.get(secret);
    if (hit && hit.until > Date.now()) return hit.key;
    const key = await options.keys.find(secret);
    if (options.keyCacheMs > 0) cache.set(secret, { key, until: Date.now() + options.keyCacheMs });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
    return key;
  };

  const partnerRequest = async (req: Request, res: Response, params: GraphQLParams | undefined, secret: string) => {
    let key: PartnerKey | null;
    try {
      key = await lookup(secret);
    } catch (error) {
      logger.error({ err: error }, 'partner keys unreadable');
      sendEdgeError(req, res, 503, {
        code: 'SERVICE_UNAVAILABLE',
        message: 'API keys cannot be verified right now; please retry shortly.',
      });
      return false;
    }
    if (!key) {
      sendEdgeError(req, res, 401, { code: 'UNAUTHENTICATED', message: 'The API key is invalid or revoked.' });
      return false;
    }
    const id = params && persistedId(params);
    if (!params || !id) {
      sendEdgeError(req, res, 400, {
        code: 'PERSISTED_QUERY_REQUIRED',
        message: 'API keys may only run persisted operations: send extensions.persistedQuery.sha256Hash.',
      });
      return false;
    }
    const operation = operations.get(id);
    if (!operation) {
      sendEdgeError(req, res, 400, {
        code: 'PERSISTED_QUERY_NOT_FOUND',
        message: 'No persisted operation has this id.',
      });
      return false;
    }
    if (!mayRun(key, operation)) {
      sendEdgeError(req, res, 403, { code: 'FORBIDDEN', message: 'This API key may not run this operation.' });
      return false;
    }
    res.locals.partner = { id: key.id, tier: key.tier };
    substituteBody(req, params, operation);
    return true;
  };

  return {
    name: 'persisted-queries',
    async http(req, res, next) {
      const params = readGraphQLParams(req);
      const secret = req.headers[PARTNER_KEY_HEADER];
      if (typeof secret === 'string') {
        if (await partnerRequest(req, res, params, secret)) next();
        return;
      }
      const id = params && persistedId(params);
      const known = id ? operations.get(id) : params?.query ? byBody.get(params.query) : undefined;
      if (params && id && known) substituteBody(req, params, known);
      if (known || safelist === 'off' || !params || (!id && params.query === undefined)) {
        next();
        return;
      }
      if (safelist === 'log') {
        logger.warn({ operationName: params.operationName, persistedId: id }, 'operation not in the safelist');
        next();
        return;
      }
      sendEdgeError(req, res, 400, {
        code: id ? 'PERSISTED_QUERY_NOT_FOUND' : 'PERSISTED_QUERY_NOT_IN_LIST',
        message: id ? 'No persisted operation has this id.' : 'Only safelisted operations may run.',
      });
    },
  };
}
