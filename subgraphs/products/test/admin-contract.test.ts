import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLArgument, type GraphQLSchema, isInputObjectType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProductsSchema } from '../src/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const contract = buildSchema(readFileSync(path.join(root, 'docs/api-contract.graphql'), 'utf8'));
const MUTATIONS = ['productCreate', 'productUpdate', 'productDelete', 'inventorySet', 'variantPriceSet'];
const TYPES = [
  'ProductInput',
  'ProductVariantInput',
  'SelectedOptionInput',
  'AttributeInput',
  'ProductUpdateInput',
  'ProductPayload',
  'VariantPayload',
];

/** Each field (and argument) of a type with its type, as SDL writes them. */
function shape(schema: GraphQLSchema, typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInputObjectType(type))) return {};
  return Object.fromEntries(
    Object.values(type.getFields()).map((f) => {
      const args = 'args' in f ? f.args.map((a: GraphQLArgument) => `${a.name}: ${a.type}`).join(', ') : '';
      return [f.name, `(${args}): ${f.type}`];
    }),
  );
}

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildProductsSchema();
});

describe('the admin schema against the public contract', () => {
  it('serves the admin mutations exactly as the contract writes them', () => {
    const served = shape(schema, 'Mutation');
    const expected = shape(contract, 'Mutation');
    for (const name of MUTATIONS) expect(served[name], name).toBe(expected[name]);
    expect(Object.keys(served).sort()).toEqual([...MUTATIONS].sort());
  });

  it.each(TYPES)('serves %s exactly as the contract writes it', (typeName) => {
    expect(shape(schema, typeName)).toEqual(shape(contract, typeName));
  });
});
