import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachedOperationFromDocument } from '../src/operation-cache.js';

const schema = buildSchema(`
  type Query { product(id: ID!): Product }
  type Product { id: ID! name: String price: Int }
`);
const document = parse(`
  query P($id: ID!) { product(id: $id) { ...F } }
  fragment F on Product { id name }
`);
/** As the gateway's executeQueryPlan passes it: a new document object around the same definition nodes. */
const shaping = (doc = document) => ({ kind: doc.kind, definitions: [...doc.definitions] });

describe('the gateway’s operation cache', () => {
  it('builds the operation of a document once and returns the same one for the same nodes', () => {
    let builds = 0;
    const cached = cachedOperationFromDocument((s, d, o) => {
      builds++;
      return operationFromDocument(s as never, d, o);
    });
    const first = cached(schema, shaping(), { validate: false });
    const second = cached(schema, shaping(), { validate: false });
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(first.toString()).toBe(operationFromDocument(schema, document, { validate: false }).toString());
  });

  it('builds again for other nodes, other fragments, another schema, or a call of another shape', () => {
    let builds = 0;
    const cached = cachedOperationFromDocument((s, d, o) => {
      builds++;
      return operationFromDocument(s as never, d, o);
    });
    cached(schema, shaping(), { validate: false });
    // The same text parsed again: other nodes.
    cached(schema, shaping(parse(document.loc?.source.body ?? '')), { validate: false });
    // The same operation node with another fragment node.
    const [operation] = document.definitions;
    const [, otherFragment] = parse('query X { __typename } fragment F on Product { id price }').definitions;
    cached(
      schema,
      { kind: document.kind, definitions: [operation as never, otherFragment as never] },
      { validate: false },
    );
    cached(buildSchema('type Query { product(id: ID!): Product } type Product { id: ID! name: String }'), shaping(), {
      validate: false,
    });
    expect(builds).toBe(4);
    // Validation or an operation name: not the gateway's result-shaping call, never cached.
    cached(schema, shaping(), {});
    cached(schema, shaping(), { validate: false, operationName: 'P' });
    cached(schema, shaping(), { validate: false, operationName: 'P' });
    expect(builds).toBe(7);
  });
});
