import { randomUUID } from 'node:crypto';
import { createTestSigningKey, forgedTokens, signTestToken, type TestSigningKey } from '@storegraph/testkit';
import { GraphQLError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, localKeys, TokenVerifier } from '../src/index.js';

let key: TestSigningKey;
let verifier: TokenVerifier;
const issuer = 'storegraph-users';
const audience = 'storegraph';

async function refusal(fn: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error instanceof GraphQLError
      ? [error.extensions.code, (error.extensions.http as { status: number }).status]
      : error;
  }
  return 'accepted';
}

beforeAll(async () => {
  key = await createTestSigningKey();
  verifier = new TokenVerifier({ keys: localKeys(async () => ({ keys: [key.publicJwk] })), issuer, audience });
});

describe('TokenVerifier', () => {
  it('accepts a genuine token and reads the viewer from it', async () => {
    const sub = randomUUID();
    const viewer = await verifier.verify(await signTestToken(key, { sub, role: 'ADMIN', scope: 'customer admin' }));
    expect(viewer).toEqual({ userId: sub, role: 'ADMIN', scopes: ['customer', 'admin'] });
  });

  it('tolerates at most 60 s of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(
      await refusal(async () => verifier.verify(await signTestToken(key, { iat: now - 960, exp: now - 30 }))),
    ).toBe('accepted');
    expect(
      await refusal(async () => verifier.verify(await signTestToken(key, { iat: now - 960, exp: now - 90 }))),
    ).toEqual(['UNAUTHENTICATED', 401]);
    const generous = new TokenVerifier({
      keys: localKeys(async () => ({ keys: [key.publicJwk] })),
      issuer,
      audience,
      clockToleranceSeconds: 3600,
    });
    expect(
      await refusal(async () => generous.verify(await signTestToken(key, { iat: now - 960, exp: now - 90 }))),
    ).toEqual(['UNAUTHENTICATED', 401]);
  });

  it('refuses every forged token with 401 UNAUTHENTICATED', async () => {
    const genuine = await signTestToken(key, { role: 'CUSTOMER' });
    const forged = await forgedTokens({ genuine, genuineKey: key, issuer, audience });
    expect(Object.keys(forged).length).toBeGreaterThanOrEqual(15);
    for (const [name, token] of Object.entries(forged)) {
      expect([name, await refusal(() => verifier.verify(token))]).toEqual([name, ['UNAUTHENTICATED', 401]]);
    }
  });

  it('accepts only "Bearer <token>" authorization', async () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    for (const bad of ['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer', 'Bearer a b', 'Token abc']) {
      expect([bad, await refusal(() => bearerToken(bad))]).toEqual([bad, ['UNAUTHENTICATED', 401]]);
    }
  });

  it('picks up a key rotated in after its last load', async () => {
    const keys = [key.publicJwk];
    const rotating = new TokenVerifier({ keys: localKeys(async () => ({ keys }), 60_000), issuer, audience });
    await rotating.verify(await signTestToken(key, {}));
    const next = await createTestSigningKey();
    keys.push(next.publicJwk);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await refusal(async () => rotating.verify(await signTestToken(next, {})))).toBe('accepted');
  });
});
