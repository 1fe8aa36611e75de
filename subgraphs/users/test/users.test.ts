import { randomUUID } from 'node:crypto';
import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../src/data/argon2-hasher.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { PrismaUserStore } from '../src/data/user.repository.js';
import { ensureAdminAccount } from '../src/domain/admin-account.js';
import { createUsersServer } from '../src/server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const store = new PrismaUserStore(prisma);
/** Test identity: the viewer named by the x-test-viewer header. */
const authenticate: Authenticate = async (headers) =>
  headers['x-test-viewer'] ? (JSON.parse(String(headers['x-test-viewer'])) as Viewer) : null;
let url: string;
let stop: () => Promise<void>;
const ada = randomUUID();
const bob = randomUUID();

async function gql(query: string, viewer?: Viewer, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(viewer ? { 'x-test-viewer': JSON.stringify(viewer) } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

beforeAll(async () => {
  await prisma.user.create({
    data: {
      id: ada,
      email: 'ada@example.com',
      name: 'Ada',
      passwordHash: 'x',
      addresses: {
        create: [
          { name: 'Ada', line1: '2 Side St', city: 'Leeds', postalCode: 'LS1', country: 'GB' },
          { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB', isDefault: true },
        ],
      },
    },
  });
  await prisma.user.create({ data: { id: bob, email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
  const service = await createUsersServer({ logger: silentLogger(), prisma, authenticate });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('users subgraph', () => {
  it('answers me with null for a guest', async () => {
    const res = await gql('{ me { id } }');
    expect(res).toEqual({ data: { me: null } });
  });

  it('answers me with the signed-in user and their addresses, default first', async () => {
    const res = await gql('{ me { email name role addresses { city isDefault } } }', {
      userId: ada,
      role: 'CUSTOMER',
      scopes: [],
    });
    expect(res.data.me).toEqual({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'CUSTOMER',
      addresses: [
        { city: 'London', isDefault: true },
        { city: 'Leeds', isDefault: false },
      ],
    });
  });

  it('resolves a User reference for its owner and admins only', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }';
    const r = [{ __typename: 'User', id: ada }];
    expect((await gql(query, undefined, { r })).data._entities).toEqual([null]);
    expect((await gql(query, { userId: bob, role: 'CUSTOMER', scopes: [] }, { r })).data._entities).toEqual([null]);
    expect((await gql(query, { userId: ada, role: 'CUSTOMER', scopes: [] }, { r })).data._entities).toEqual([
      { email: 'ada@example.com' },
    ]);
    expect((await gql(query, { userId: bob, role: 'ADMIN', scopes: [] }, { r })).data._entities).toEqual([
      { email: 'ada@example.com' },
    ]);
  });

  it('enforces normalised emails and one default address in the database', async () => {
    await expect(
      prisma.user.create({ data: { email: ' Mixed@Example.com', name: 'M', passwordHash: 'x' } }),
    ).rejects.toThrow();
    await expect(
      prisma.address.create({
        data: { userId: ada, name: 'A', line1: 'x', city: 'y', postalCode: 'z', country: 'GB', isDefault: true },
      }),
    ).rejects.toThrow();
  });
});

describe('admin account', () => {
  it('is created once with an argon2id hash, and an existing account keeps its password', async () => {
    const first = await ensureAdminAccount(store, argon2Hasher, {
      email: ' Admin@Example.com ',
      password: 'correct horse battery',
      name: 'Admin',
    });
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({ email: 'admin@example.com', role: 'ADMIN' });
    const stored = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Hasher.verify(stored.passwordHash, 'correct horse battery')).toBe(true);
    expect(await argon2Hasher.verify(stored.passwordHash, 'wrong horse battery')).toBe(false);

    const again = await ensureAdminAccount(store, argon2Hasher, {
      email: 'admin@example.com',
      password: 'another password',
      name: 'Admin',
    });
    expect(again.created).toBe(false);
    const after = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.com' } });
    expect(after.passwordHash).toBe(stored.passwordHash);
  });

  it('promotes an existing customer with that email', async () => {
    const result = await ensureAdminAccount(store, argon2Hasher, {
      email: 'bob@example.com',
      password: 'irrelevant-pass',
      name: 'Bob',
    });
    expect(result).toMatchObject({ created: false, user: { id: bob, role: 'ADMIN' } });
  });
});
