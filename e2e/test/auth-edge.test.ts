import { randomUUID } from 'node:crypto';
import { signInternalProof } from '@storegraph/auth';
import { forgedTokens } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
const userId = randomUUID();
const QUERY = '{ me { id email } products(first: 1) { totalCount } }';

async function routerCall(authorization: string | undefined) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  sg = await startSupergraph();
  await sg.prisma.users.user.create({
    data: { id: userId, email: 'auth-edge@example.com', name: 'Edge', passwordHash: 'unused' },
  });
});

afterAll(async () => {
  await sg?.stop();
});

describe('access tokens at the router', () => {
  it('serves a genuine token’s user, and a request without a token as a guest', async () => {
    const signedIn = await routerCall(`Bearer ${await sg.tokenFor(userId)}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.me).toEqual({ id: userId, email: 'auth-edge@example.com' });
    const guest = await routerCall(undefined);
    expect(guest.status).toBe(200);
    expect(guest.body.data.me).toBeNull();
  });

  it('refuses every forged, expired or malformed token with 401 UNAUTHENTICATED and no data', async () => {
    const key = await sg.activeSigningKey();
    const genuine = await sg.tokenFor(userId);
    const forged = await forgedTokens({ genuine, genuineKey: key, issuer: ISSUER, audience: AUDIENCE });
    const cases: Record<string, string> = {
      ...Object.fromEntries(Object.entries(forged).map(([name, token]) => [name, `Bearer ${token}`])),
      'empty bearer': 'Bearer ',
      'bare Bearer': 'Bearer',
      'empty header': '',
      'basic auth': 'Basic dXNlcjpwYXNzd29yZA==',
      'two tokens': `Bearer ${genuine} ${genuine}`,
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const res = await routerCall(authorization);
      expect([name, res.status, res.body.errors?.[0]?.extensions?.code, res.body.data]).toEqual([
        name,
        401,
        'UNAUTHENTICATED',
        undefined,
      ]);
    }
  });

  it('keeps accepting tokens of a rotated-out key until they expire, and accepts the new key’s', async () => {
    const before = await sg.tokenFor(userId);
    await sg.rotateSigningKey();
    const after = await sg.tokenFor(userId);
    expect(JSON.parse(Buffer.from(before.split('.')[0] as string, 'base64url').toString()).kid).not.toBe(
      JSON.parse(Buffer.from(after.split('.')[0] as string, 'base64url').toString()).kid,
    );
    await new Promise((r) => setTimeout(r, 1_100));
    for (const token of [before, after]) {
      const res = await routerCall(`Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.data.me.id).toBe(userId);
    }
  });
});

describe('subgraphs called directly', () => {
  it('refuse forged identity headers, genuine tokens without proof, and proofs under a guessed secret', async () => {
    const token = await sg.tokenFor(userId, 'ADMIN');
    const attempts: Array<[string, Record<string, string>]> = [
      [
        'identity headers',
        { 'x-user-id': userId, 'x-role': 'ADMIN', 'x-viewer': JSON.stringify({ userId, role: 'ADMIN' }) },
      ],
      ['a genuine token without proof', { authorization: `Bearer ${token}` }],
      [
        'a proof under a guessed secret',
        {
          authorization: `Bearer ${token}`,
          'x-request-id': 'direct-call-0001',
          'x-storegraph-proof': signInternalProof('guessed-secret-guessed-secret-guessed', {
            requestId: 'direct-call-0001',
            clientIp: '',
            authorization: `Bearer ${token}`,
          }),
        },
      ],
    ];
    for (const [name, headers] of attempts) {
      for (const [subgraph, url] of Object.entries(sg.subgraphUrls)) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        const body = (await res.json()) as any;
        expect([name, subgraph, res.status, body.errors?.[0]?.extensions?.code, body.data ?? null]).toEqual([
          name,
          subgraph,
          401,
          'UNAUTHENTICATED',
          null,
        ]);
      }
    }
  });
});
