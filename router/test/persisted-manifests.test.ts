import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchema } from '../src/api-schema.js';
import { manifestProblems, sha256Hex } from '../src/persisted/manifest.js';

const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = apiSchema(supergraph);
const dir = new URL('../../schema/persisted-queries/', import.meta.url);
const manifests = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

// CI: a schema change that would break a client's or a partner's operation fails here.
describe('persisted-query manifests against schema/supergraph.graphql', () => {
  it('holds the storefront manifest and at least one partner manifest', () => {
    expect(manifests).toEqual(expect.arrayContaining(['storefront.json', 'partners.json']));
    expect(read('storefront.json').operations.length).toBeGreaterThan(0);
  });

  for (const file of manifests) {
    it(`${file} is valid against the supergraph`, () => {
      expect(manifestProblems(read(file), schema)).toEqual([]);
    });
  }

  it('fails when the schema loses a field a partner operation selects', () => {
    const broken = apiSchema(supergraph.replace(/^\s*quantityAvailable: Int!.*\n/m, ''));
    expect(broken.getType('ProductVariant')?.toString()).toBe('ProductVariant');
    const problems = manifestProblems(read('partners.json'), broken);
    expect(problems).toEqual([
      expect.stringMatching(/^operation PartnerProduct: Cannot query field "quantityAvailable"/),
    ]);
  });

  it('fails on an id that is not the body’s hash, a duplicate, or a body that is not the named operation', () => {
    const body = 'query A { brands { id } }';
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: sha256Hex(body), name: 'A', type: 'query', body },
        { id: sha256Hex(body), name: 'A', type: 'query', body },
        { id: 'abc', name: 'B', type: 'query', body: 'query B { brands { id } }' },
        { id: sha256Hex('query C { brands { id } }'), name: 'D', type: 'mutation', body: 'query C { brands { id } }' },
      ],
    };
    expect(manifestProblems(manifest, schema)).toEqual([
      `operation A: duplicate id ${sha256Hex(body)}`,
      'operation B: id is not the SHA-256 of its body',
      'operation D: the body must hold exactly one mutation named D',
    ]);
    expect(manifestProblems({ format: 'other' }, schema)).toHaveLength(1);
  });
});
