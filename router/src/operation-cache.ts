import { createRequire } from 'node:module';
import type { Operation } from '@apollo/federation-internals';
import { type DefinitionNode, type DocumentNode, Kind } from 'graphql';

/**
 * Keeps the federation `Operation` the gateway builds from a request's document
 * for shaping the result, so a document seen before is not converted again.
 *
 * `ApolloGateway` caches query plans, but its `executeQueryPlan` still calls
 * `operationFromDocument(apiSchema, { definitions: [operation, ...fragments] },
 * { validate: false })` on every request (5.5 % of the router's busy time on W1):
 * the same conversion of the same syntax tree each time. The documents are the
 * same objects from one request to the next (the fast path's prepared ones, or
 * Apollo Server's parsed-document cache), so the operation is kept per schema and
 * operation definition node, in weak maps (nothing outlives its schema or document),
 * and reused when the fragments are the same nodes too. An `Operation` is not
 * changed by result shaping (it reads the selections and the variables' defaults).
 *
 * The gateway reaches `operationFromDocument` through the package's exports at call
 * time, so the function is wrapped there, once per process; only calls of that exact
 * shape (one operation definition first, fragment definitions after, `validate: false`
 * and no operation name) are answered from the cache. See docs/traps.md.
 */
type OperationFromDocument = (
  schema: object,
  document: DocumentNode,
  options?: { operationName?: string; validate?: boolean },
) => Operation;

interface Kept {
  fragments: readonly DefinitionNode[];
  operation: Operation;
}

const stats = { built: 0, reused: 0 };
let installed = false;

/** Conversions done and answered from the cache since the process started (for tests). */
export const operationCacheStats = (): Readonly<typeof stats> => ({ ...stats });

/** Wraps the federation internals' operationFromDocument the gateway uses (idempotent). */
export function installOperationCache(): void {
  if (installed) return;
  installed = true;
  // The instance the gateway itself loads.
  const fromGateway = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
  const operations = fromGateway('@apollo/federation-internals/dist/operations.js') as {
    operationFromDocument: OperationFromDocument;
  };
  operations.operationFromDocument = cachedOperationFromDocument(operations.operationFromDocument);
}

/** operationFromDocument answering result-shaping calls for a document seen before from a cache. */
export function cachedOperationFromDocument(build: OperationFromDocument): OperationFromDocument {
  const bySchema = new WeakMap<object, WeakMap<DefinitionNode, Kept>>();
  return (schema, document, options) => {
    const [first, ...rest] = document.definitions;
    const cacheable =
      options?.validate === false &&
      options.operationName === undefined &&
      first?.kind === Kind.OPERATION_DEFINITION &&
      rest.every((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    if (!cacheable || !first) return build(schema, document, options);
    let byNode = bySchema.get(schema);
    if (!byNode) {
      byNode = new WeakMap();
      bySchema.set(schema, byNode);
    }
    const kept = byNode.get(first);
    if (kept && kept.fragments.length === rest.length && kept.fragments.every((f, i) => f === rest[i])) {
      stats.reused++;
      return kept.operation;
    }
    const operation = build(schema, document, options);
    stats.built++;
    byNode.set(first, { fragments: rest, operation });
    return operation;
  };
}
