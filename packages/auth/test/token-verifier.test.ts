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

  describe('verified tokens kept', () => {
    /** A verifier on a moving clock, counting the key look-ups (one per signature check). */
    function counting(options: { cacheMaxAgeMs?: number; cacheEntries?: number } = {}) {
      const clock = { now: Date.now() };
      const keySet = { keys: [key.publicJwk] };
      const load = localKeys(async () => keySet, -1); // read again on every look-up
      const counter = { checks: 0 };
      const verifier = new TokenVerifier({
        keys: (header, token) => {
          counter.checks += 1;
          return load(header, token);
        },
        issuer,
        audience,
        now: () => clock.now,
        ...options,
      });
      return { verifier, clock, counter, keySet };
    }

    it('answers a token it verified without checking its signature again, the same viewer', async () => {
      const { verifier: kept, counter } = counting();
      const token = await signTestToken(key, { sub: randomUUID(), role: 'CUSTOMER', scope: 'customer' });
      const first = await kept.verify(token);
      expect(await kept.verify(token)).toEqual(first);
      expect(await kept.verify(token)).toEqual(first);
      expect(counter.checks).toBe(1);
      expect(Object.isFrozen(first)).toBe(true);
      // One character off is another token: checked, and refused.
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expect(await refusal(() => kept.verify(forged))).toEqual(['UNAUTHENTICATED', 401]);
      expect(await refusal(() => kept.verify(forged))).toEqual(['UNAUTHENTICATED', 401]);
      expect(counter.checks).toBe(3);
    });

    it('never accepts a kept token past its expiry and tolerance', async () => {
      const { verifier: kept, clock } = counting();
      const now = Math.floor(clock.now / 1000);
      const token = await signTestToken(key, { iat: now - 10, exp: now + 5 });
      expect(await refusal(() => kept.verify(token))).toBe('accepted');
      clock.now += 64_000;
      expect(await refusal(() => kept.verify(token))).toBe('accepted');
      clock.now += 2_000;
      expect(await refusal(() => kept.verify(token))).toEqual(['UNAUTHENTICATED', 401]);
    });

    it('checks again after the cache age, so a key taken out of the key set stops vouching', async () => {
      const { verifier: kept, clock, counter, keySet } = counting({ cacheMaxAgeMs: 30_000 });
      const token = await signTestToken(key, {});
      await kept.verify(token);
      clock.now += 29_000;
      await kept.verify(token);
      expect(counter.checks).toBe(1);
      keySet.keys = [];
      clock.now += 2_000;
      expect(await refusal(() => kept.verify(token))).toEqual(['UNAUTHENTICATED', 401]);
      expect(counter.checks).toBe(2);
    });

    it('keeps at most cacheEntries tokens (the oldest goes), and none with cacheMaxAgeMs 0', async () => {
      const small = counting({ cacheEntries: 2 });
      const tokens = await Promise.all([1, 2, 3].map((i) => signTestToken(key, { sub: `user-${i}` })));
      for (const token of tokens) await small.verifier.verify(token);
      expect(small.counter.checks).toBe(3);
      await small.verifier.verify(tokens[2] as string);
      await small.verifier.verify(tokens[1] as string);
      expect(small.counter.checks).toBe(3);
      await small.verifier.verify(tokens[0] as string);
      expect(small.counter.checks).toBe(4);
      const none = counting({ cacheMaxAgeMs: 0 });
      await none.verifier.verify(tokens[0] as string);
      await none.verifier.verify(tokens[0] as string);
      expect(none.counter.checks).toBe(2);
    });
  });
});
