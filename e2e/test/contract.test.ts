import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { supergraphSdl } from './supergraph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The public API as clients must see it (docs/api-contract.graphql). */
const contract = buildSchema(readFileSync(path.join(root, 'docs/api-contract.graphql'), 'utf8'));
/** What the router actually serves: the API schema of the committed supergraph. */
const api: GraphQLSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

const argSignature = (a: GraphQLArgument) =>
  `${a.name}: ${a.type}${a.defaultValue !== undefined ? ` = ${JSON.stringify(a.defaultValue)}` : ''}`;
const fieldSignature = (f: GraphQLField<unknown, unknown>) =>
  `${f.name}(${[...f.args]
    .sort((x, y) => x.name.localeCompare(y.name))
    .map(argSignature)
    .join(', ')}): ${f.type}`;

function namedTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
}

/** The fields the foundation must serve exactly as the contract writes them. */
const REQUIRED = {
  Query: ['me', 'products', 'product', 'categories', 'category', 'brands', 'cart'],
  Mutation: ['cartCreate', 'cartLinesAdd', 'cartLinesUpdate', 'cartLinesRemove', 'cartMerge'],
  User: ['id', 'email', 'name', 'role', 'addresses', 'createdAt', 'orders', 'cart'],
  Product: [
    'id',
    'slug',
    'title',
    'description',
    'brand',
    'category',
    'images',
    'options',
    'variants',
    'attributes',
    'priceRange',
    'availableForSale',
    'rating',
    'reviewCount',
    'createdAt',
    'updatedAt',
  ],
  ProductVariant: [
    'id',
    'sku',
    'title',
    'price',
    'compareAtPrice',
    'selectedOptions',
    'quantityAvailable',
    'availableForSale',
    'product',
  ],
  Category: ['id', 'slug', 'name', 'parent', 'children', 'products'],
  Brand: ['id', 'slug', 'name'],
  Cart: ['id', 'lines', 'totalQuantity', 'subtotal', 'updatedAt'],
  CartLine: ['id', 'variant', 'quantity', 'unitPrice', 'lineTotal'],
  CartPayload: ['cart', 'userErrors'],
  OrderConnection: ['edges', 'nodes', 'pageInfo', 'totalCount'],
};

describe('the served API against the public contract', () => {
  it('serves every field the foundation must serve', () => {
    for (const [typeName, fields] of Object.entries(REQUIRED)) {
      const type = api.getType(typeName);
      expect(type && isObjectType(type), `${typeName} is served`).toBe(true);
      const served = isObjectType(type) ? type.getFields() : {};
      for (const field of fields) expect(served[field], `${typeName}.${field} is served`).toBeDefined();
    }
  });

  it('writes every name, argument, default and nullability it shares with the contract exactly as the contract does', () => {
    const mismatches: string[] = [];
    for (const type of namedTypes(api)) {
      const expected = contract.getType(type.name);
      if (!expected) continue;
      if (expected.constructor !== type.constructor) {
        mismatches.push(`${type.name} is a ${type.constructor.name}, the contract says ${expected.constructor.name}`);
        continue;
      }
      if ((isObjectType(type) && isObjectType(expected)) || (isInputObjectType(type) && isInputObjectType(expected))) {
        const servedFields = type.getFields() as Record<string, GraphQLField<unknown, unknown>>;
        const contractFields = expected.getFields() as Record<string, GraphQLField<unknown, unknown>>;
        for (const [name, field] of Object.entries(servedFields)) {
          const want = contractFields[name];
          if (!want) continue;
          const got = 'args' in field ? fieldSignature(field) : `${name}: ${(field as { type: unknown }).type}`;
          const wanted = 'args' in want ? fieldSignature(want) : `${name}: ${(want as { type: unknown }).type}`;
          if (got !== wanted) mismatches.push(`${type.name}.${got} — contract: ${wanted}`);
        }
      }
      if (isEnumType(type) && isEnumType(expected)) {
        const got = type
          .getValues()
          .map((v) => v.name)
          .sort();
        const want = expected
          .getValues()
          .map((v) => v.name)
          .sort();
        if (got.join() !== want.join()) mismatches.push(`enum ${type.name}: ${got} — contract: ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
