import type { Request } from 'express';

/** The GraphQL parameters of a request, as far as they are well formed. */
export interface GraphQLParams {
  query?: string;
  operationName?: string;
  variables: Record<string, unknown>;
  extensions: Record<string, unknown>;
  /** Where the parameters came from, so a plugin can rewrite them in place (persisted queries). */
  source: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonObject(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Reads query, operationName, variables and extensions from a POST body (parsed by
 * the router before its plugins) or a GET query string. Anything malformed is left
 * for Apollo Server to refuse with its own, spec-conformant error.
 */
export function readGraphQLParams(req: Request): GraphQLParams | undefined {
  const source: unknown = req.method === 'GET' ? req.query : req.body;
  if (!isRecord(source)) return undefined;
  return {
    query: typeof source.query === 'string' ? source.query : undefined,
    operationName: typeof source.operationName === 'string' ? source.operationName : undefined,
    variables: jsonObject(source.variables),
    extensions: jsonObject(source.extensions),
    source,
  };
}
