import { randomUUID } from 'node:crypto';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import {
  ADDRESS_ADD,
  ADDRESS_DELETE,
  CHANGE_PASSWORD,
  customer,
  login,
  PASSWORD,
  refresh,
  registered,
  UPDATE_PROFILE,
  uniqueEmail,
} from './operations.js';
import { gql, startUsersServer, type TestUsersServer } from './users-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let server: TestUsersServer;
let url: string;

beforeAll(async () => {
  server = await startUsersServer({ prisma, logger: silentLogger() });
  url = server.url;
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

const codes = (payload: { userErrors: Array<{ code: string; field: string[] | null }> }) =>
  payload.userErrors.map((e) => [e.code, e.field]);

async function as(userId: string, query: string, variables: Record<string, unknown>) {
  const res = await gql(url, query, variables, { viewer: customer(userId) });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return Object.values(res.data)[0] as any;
}

const home = { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
const addAddress = (userId: string, input: Record<string, unknown>) =>
  as(userId, ADDRESS_ADD, { input: { ...home, ...input } });

describe('guests', () => {
  it('get UNAUTHENTICATED from every profile mutation', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      [UPDATE_PROFILE, { input: { name: 'Guest' } }],
      [CHANGE_PASSWORD, { current: PASSWORD, next: 'another-fine-password' }],
      [ADDRESS_ADD, { input: home }],
      [ADDRESS_DELETE, { id: randomUUID() }],
    ];
    for (const [query, variables] of calls) {
      const res = await gql(url, query, variables);
      expect(res.data).toBeNull();
      expect(res.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('updateProfile', () => {
  it('changes the name and the email, validated and normalised as at registration', async () => {
    const { user } = await registered(url);
    const renamed = await as(user.id, UPDATE_PROFILE, { input: { name: '  Ada King ' } });
    expect(renamed.userErrors).toEqual([]);
    expect(renamed.user).toMatchObject({ id: user.id, name: 'Ada King', email: user.email });

    const newEmail = uniqueEmail('moved');
    const moved = await as(user.id, UPDATE_PROFILE, { input: { email: ` ${newEmail.toUpperCase()} ` } });
    expect(moved.user).toMatchObject({ name: 'Ada King', email: newEmail });
    expect((await login(url, newEmail, PASSWORD)).userErrors).toEqual([]);

    expect(codes(await as(user.id, UPDATE_PROFILE, { input: { email: 'nope', name: '' } }))).toEqual([
      ['INVALID_NAME', ['input', 'name']],
      ['INVALID_EMAIL', ['input', 'email']],
    ]);
    const unchanged = await as(user.id, UPDATE_PROFILE, { input: {} });
    expect(unchanged).toMatchObject({ user: { name: 'Ada King', email: newEmail }, userErrors: [] });
  });

  it('answers EMAIL_TAKEN for an email another account has', async () => {
    const { user: first } = await registered(url);
    const { user: second } = await registered(url);
    const payload = await as(second.id, UPDATE_PROFILE, { input: { email: first.email.toUpperCase(), name: 'X' } });
    expect(payload.user).toBeNull();
    expect(codes(payload)).toEqual([['EMAIL_TAKEN', ['input', 'email']]]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      email: second.email,
      name: second.name,
    });
  });
});

describe('changePassword', () => {
  it('refuses a wrong current password and a weak new one', async () => {
    const { user } = await registered(url);
    const wrong = await as(user.id, CHANGE_PASSWORD, { current: 'not-my-password', next: 'brand-new-password-9' });
    expect(wrong.user).toBeNull();
    expect(codes(wrong)).toEqual([['INVALID_CREDENTIALS', ['currentPassword']]]);
    for (const next of ['short', 'iloveyou12', user.email]) {
      expect(codes(await as(user.id, CHANGE_PASSWORD, { current: PASSWORD, next })), next).toEqual([
        ['WEAK_PASSWORD', ['newPassword']],
      ]);
    }
    expect((await login(url, user.email, PASSWORD)).userErrors).toEqual([]);
  });

  it('changes the password and ends every session of the account', async () => {
    const { user, refreshToken: fromRegister } = await registered(url);
    const fromLogin = (await login(url, user.email, PASSWORD)).refreshToken;
    const other = await registered(url);

    const changed = await as(user.id, CHANGE_PASSWORD, { current: PASSWORD, next: 'brand-new-password-9' });
    expect(changed).toMatchObject({ user: { id: user.id }, userErrors: [] });

    expect((await login(url, user.email, PASSWORD)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
    for (const token of [fromRegister, fromLogin]) {
      expect((await refresh(url, token)).userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    }
    const rows = await prisma.refreshToken.findMany({ where: { userId: user.id } });
    expect(rows.filter((r) => r.revokedAt === null)).toEqual([]);

    const fresh = await login(url, user.email, 'brand-new-password-9');
    expect(fresh.userErrors).toEqual([]);
    expect((await refresh(url, fresh.refreshToken)).userErrors).toEqual([]);
    // Nobody else's sessions end.
    expect((await refresh(url, other.refreshToken)).userErrors).toEqual([]);
  });
});

describe('address book', () => {
  it('validates: country in any case stored upper-case, UK and XX refused, phone checked', async () => {
    const { user } = await registered(url);
    const added = await addAddress(user.id, { country: 'gb', phone: '+44 20 7946 0958', line2: '  ' });
    expect(added.userErrors).toEqual([]);
    expect(added.user.addresses).toEqual([
      expect.objectContaining({ country: 'GB', phone: '+44 20 7946 0958', line2: null, isDefault: true }),
    ]);
    expect((await prisma.address.findFirstOrThrow({ where: { userId: user.id } })).country).toBe('GB');

    for (const country of ['UK', 'XX', 'gbr', '']) {
      expect(codes(await addAddress(user.id, { country })), country).toEqual([
        ['INVALID_COUNTRY', ['input', 'country']],
      ]);
    }
    expect(codes(await addAddress(user.id, { phone: 'call me' }))).toEqual([['INVALID_PHONE', ['input', 'phone']]]);
    expect(codes(await addAddress(user.id, { line1: '   ', postalCode: 'x'.repeat(21) }))).toEqual([
      ['INVALID_ADDRESS', ['input', 'line1']],
      ['INVALID_ADDRESS', ['input', 'postalCode']],
    ]);
    expect(await prisma.address.count({ where: { userId: user.id } })).toBe(1);
  });

  it('keeps exactly one default: the first address, then whichever is added as default', async () => {
    const { user } = await registered(url);
    const first = await addAddress(user.id, { city: 'First' });
    expect(first.user.addresses).toEqual([expect.objectContaining({ city: 'First', isDefault: true })]);
    const second = await addAddress(user.id, { city: 'Second' });
    expect(second.user.addresses.map((a: any) => [a.city, a.isDefault])).toEqual([
      ['First', true],
      ['Second', false],
    ]);
    const third = await addAddress(user.id, { city: 'Third', isDefault: true });
    expect(third.user.addresses.map((a: any) => [a.city, a.isDefault])).toEqual([
      ['Third', true],
      ['First', false],
      ['Second', false],
    ]);
  });

  it('shows each mutation of one operation what the previous ones changed', async () => {
    const { user } = await registered(url);
    const fields = 'user { addresses { city } } userErrors { code }';
    const res = await gql(
      url,
      `mutation($a: AddressInput!, $b: AddressInput!) {
        a: addressAdd(input: $a) { ${fields} } b: addressAdd(input: $b) { ${fields} } }`,
      { a: { ...home, city: 'One' }, b: { ...home, city: 'Two' } },
      { viewer: customer(user.id) },
    );
    expect(res.data.a.user.addresses).toEqual([{ city: 'One' }]);
    expect(res.data.b.user.addresses).toEqual([{ city: 'One' }, { city: 'Two' }]);
  });

  it('promotes the most recent remaining address when the default is deleted', async () => {
    const { user } = await registered(url);
    await addAddress(user.id, { city: 'Oldest' });
    await addAddress(user.id, { city: 'Middle' });
    await addAddress(user.id, { city: 'Newest' });
    const { user: before } = await addAddress(user.id, { city: 'Default', isDefault: true });
    const defaultId = before.addresses.find((a: any) => a.isDefault).id;

    const after = await as(user.id, ADDRESS_DELETE, { id: defaultId });
    expect(after.userErrors).toEqual([]);
    expect(after.user.addresses.map((a: any) => [a.city, a.isDefault])).toEqual([
      ['Newest', true],
      ['Oldest', false],
      ['Middle', false],
    ]);
    const nonDefault = after.user.addresses.find((a: any) => a.city === 'Middle').id;
    const last = await as(user.id, ADDRESS_DELETE, { id: nonDefault });
    expect(last.user.addresses.map((a: any) => [a.city, a.isDefault])).toEqual([
      ['Newest', true],
      ['Oldest', false],
    ]);
  });

  it("answers NOT_FOUND for another user's address, and for ids that do not exist", async () => {
    const { user: owner } = await registered(url);
    const { user: intruder } = await registered(url);
    const { user: withAddress } = await addAddress(owner.id, {});
    const addressId = withAddress.addresses[0].id;

    for (const id of [addressId, randomUUID(), 'not-a-uuid']) {
      const payload = await as(intruder.id, ADDRESS_DELETE, { id });
      expect(payload.user).toBeNull();
      expect(codes(payload)).toEqual([['NOT_FOUND', ['id']]]);
    }
    expect(await prisma.address.count({ where: { id: addressId } })).toBe(1);
  });

  it('holds at most 20 addresses, even when they are added concurrently', async () => {
    const { user } = await registered(url);
    for (let i = 0; i < 17; i += 1) await addAddress(user.id, { city: `City ${i}` });
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => addAddress(user.id, { city: `Burst ${i}` })));
    expect(burst.filter((p) => p.userErrors.length === 0)).toHaveLength(3);
    for (const refused of burst.filter((p) => p.userErrors.length > 0)) {
      expect(codes(refused)).toEqual([['ADDRESS_LIMIT', null]]);
    }
    expect(await prisma.address.count({ where: { userId: user.id } })).toBe(20);
    expect(await prisma.address.count({ where: { userId: user.id, isDefault: true } })).toBe(1);
  });
});
