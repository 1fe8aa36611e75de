import { readFileSync } from 'node:fs';
import { createLogger } from '@storegraph/logger';
import { PartnerKeyStore, partnerKeysCommand, sha256Hex, UsageError } from '@storegraph/router/persisted';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph, supergraphSdl } from './supergraph.js';

const manifest = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schema/persisted-queries/${name}.json`, import.meta.url), 'utf8')) as {
    operations: Array<{ id: string; name: string; body: string }>;
  };
const op = (file: string, name: string) => {
  const found = manifest(file).operations.find((o) => o.name === name);
  if (!found) throw new Error(`${name} is not in ${file}.json`);
  return found;
};
const HOME = op('storefront', 'Home');
const CATALOG = op('partners', 'PartnerCatalogPage');
const CART_CREATE = op('partners', 'PartnerCartCreate');
const apq = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

async function post(sg: Supergraph, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  return { status: res.status, code: json.errors?.[0]?.extensions?.code as string | undefined, body: json };
}

/** Creates a key through the ADMIN command, as `pnpm --filter @storegraph/router partner-keys` does. */
async function createKey(sg: Supergraph, command: string) {
  const args = command.split(' ');
  const lines: string[] = [];
  const { loadManifests } = await import('@storegraph/router/persisted');
  const { apiSchema } = await import('@storegraph/router/api-schema');
  const { rateTiers } = await import('@storegraph/router/config');
  await partnerKeysCommand(args, {
    store: new PartnerKeyStore(sg.routerRedis, sg.routerConfig.REDIS_KEY_PREFIX),
    tiers: rateTiers(sg.routerConfig),
    operations: loadManifests(sg.routerConfig.PERSISTED_QUERIES_DIR, apiSchema(supergraphSdl)),
    print: (line) => lines.push(line),
  });
  const secret = lines.join('\n').match(/sgp_[A-Za-z0-9_-]+/)?.[0];
  const id = lines[0]?.match(/partner key ([0-9a-f-]{36})/)?.[1];
  if (!secret || !id) throw new Error(lines.join('\n'));
  return { secret, id, headers: { 'x-api-key': secret } };
}

describe('partners and persisted operations (safelist off)', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph({
      routerEnv: {
        PARTNER_KEY_CACHE_MS: '0',
        RATE_LIMIT_TIERS: JSON.stringify({
          guest: { capacity: 100_000, refillPerSecond: 1_000 },
          customer: { capacity: 100_000, refillPerSecond: 1_000 },
          admin: { capacity: 100_000, refillPerSecond: 1_000 },
          partner: { capacity: 5_000, refillPerSecond: 100 },
          'partner-plus': { capacity: 7_000, refillPerSecond: 100 },
        }),
      },
    });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('runs a persisted operation by id for anyone, by APQ hash or documentId, over POST or GET', async () => {
    const byHash = await post(sg, apq(HOME.id));
    expect([byHash.status, byHash.body.errors]).toEqual([200, undefined]);
    expect(byHash.body.data.newArrivals.nodes).toEqual(expect.any(Array));
    const byDocumentId = await post(sg, { documentId: `sha256:${HOME.id}` });
    expect(byDocumentId.body.data.newArrivals).toEqual(byHash.body.data.newArrivals);
    const extensions = encodeURIComponent(JSON.stringify(apq(HOME.id).extensions));
    const get = await fetch(`${sg.routerUrl}/graphql?extensions=${extensions}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.products).toEqual(byHash.body.data.products);
  });

  it('serves a partner the operations its key allows, charged to its own tier', async () => {
    const key = await createKey(
      sg,
      'create --name Acme --tier partner-plus --scopes read --operations manifest:partners',
    );
    const res = await post(sg, { ...apq(CATALOG.id), variables: { first: 5 } }, key.headers);
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
    expect(res.body.data.products).toMatchObject({ nodes: expect.any(Array), pageInfo: expect.any(Object) });
    expect(res.body.extensions.cost).toMatchObject({ limit: 7_000 });
  });

  it('refuses a partner’s freeform document, unknown id, operation outside its list or scopes', async () => {
    const reader = await createKey(
      sg,
      'create --name Reader --tier partner --scopes read --operations manifest:partners',
    );
    const freeform = await post(sg, { query: CATALOG.body }, reader.headers);
    expect([freeform.status, freeform.code, freeform.body.data]).toEqual([400, 'PERSISTED_QUERY_REQUIRED', undefined]);
    const unknown = await post(sg, apq(sha256Hex('query Nope { brands { id } }')), reader.headers);
    expect([unknown.status, unknown.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    const storefrontOp = await post(sg, apq(HOME.id), reader.headers);
    expect([storefrontOp.status, storefrontOp.code]).toEqual([403, 'FORBIDDEN']);
    const mutation = await post(sg, apq(CART_CREATE.id), reader.headers);
    expect([mutation.status, mutation.code]).toEqual([403, 'FORBIDDEN']);

    const writer = await createKey(sg, `create --name Writer --scopes read,write --operations ${CART_CREATE.id}`);
    const created = await post(sg, apq(CART_CREATE.id), writer.headers);
    expect([created.status, created.body.errors]).toEqual([200, undefined]);
    expect(created.body.data.cartCreate.cart.id).toEqual(expect.any(String));
    expect((await post(sg, apq(CATALOG.id), writer.headers)).code).toBe('FORBIDDEN');
  });

  it('refuses unknown and revoked keys with 401, and stores keys only as hashes', async () => {
    const key = await createKey(sg, 'create --name Soon-revoked --scopes read --operations manifest:partners');
    expect((await post(sg, apq(CATALOG.id), key.headers)).status).toBe(200);
    const stored = await sg.routerRedis.keys(`${sg.routerConfig.REDIS_KEY_PREFIX}partner-key*`);
    const prefix = sg.routerConfig.REDIS_KEY_PREFIX;
    const values = [
      ...(await sg.routerRedis.hvals(`${prefix}partner-keys`)),
      ...(await Promise.all(stored.filter((k) => k.includes('partner-key:')).map((k) => sg.routerRedis.get(k)))),
    ];
    expect(values.length).toBeGreaterThan(2);
    expect(JSON.stringify(values)).not.toContain(key.secret);
    expect(stored).toContain(`${sg.routerConfig.REDIS_KEY_PREFIX}partner-key:${sha256Hex(key.secret)}`);

    await createKey(sg, 'create --name x --scopes read --operations manifest:partners');
    const lines: string[] = [];
    await partnerKeysCommand(['revoke', key.id], {
      store: new PartnerKeyStore(sg.routerRedis, sg.routerConfig.REDIS_KEY_PREFIX),
      tiers: {},
      operations: new Map(),
      print: (l) => lines.push(l),
    });
    expect(lines).toEqual([`revoked ${key.id}`]);
    const revoked = await post(sg, apq(CATALOG.id), key.headers);
    expect([revoked.status, revoked.code]).toEqual([401, 'UNAUTHENTICATED']);
    const guessed = await post(sg, apq(CATALOG.id), { 'x-api-key': `sgp_${'A'.repeat(43)}` });
    expect([guessed.status, guessed.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('lets the ADMIN command create only keys the router can honour', async () => {
    await expect(
      createKey(sg, 'create --name Bad --tier platinum --scopes admin --operations manifest:nope,abc'),
    ).rejects.toThrow(UsageError);
    await expect(createKey(sg, 'create --name Bad --tier platinum --scopes admin')).rejects.toThrow(
      /tier platinum is not in RATE_LIMIT_TIERS\nunknown scope admin\n--operations needs/,
    );
  });
});

describe('safelist modes', () => {
  const warnings: string[] = [];
  let enforce: Supergraph;
  let log: Supergraph;
  beforeAll(async () => {
    enforce = await startSupergraph({ routerEnv: { SAFELIST_MODE: 'enforce' } });
    log = await startSupergraph({
      routerEnv: { SAFELIST_MODE: 'log' },
      logger: createLogger('e2e', { level: 'warn', destination: { write: (l: string) => void warnings.push(l) } }),
    });
  });
  afterAll(async () => {
    await enforce?.stop();
    await log?.stop();
  });

  it('enforce: serves only known operations, by id or by their exact text, to anyone', async () => {
    expect((await post(enforce, apq(HOME.id))).status).toBe(200);
    const sameText = await post(enforce, { query: HOME.body });
    expect([sameText.status, sameText.body.errors]).toEqual([200, undefined]);
    const freeform = await post(enforce, { query: '{ brands { id } }' });
    expect([freeform.status, freeform.code, freeform.body.data]).toEqual([
      400,
      'PERSISTED_QUERY_NOT_IN_LIST',
      undefined,
    ]);
    const unknownId = await post(enforce, apq(sha256Hex('{ brands { id } }')));
    expect([unknownId.status, unknownId.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('log: serves unknown operations and logs each one', async () => {
    const res = await post(log, { query: 'query Unlisted { brands { id } }', operationName: 'Unlisted' });
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
    expect(warnings.filter((l) => l.includes('not in the safelist') && l.includes('Unlisted'))).toHaveLength(1);
  });
});
