import { createTestSigningKey, signTestToken } from '@storegraph/testkit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createSubgraphAuthenticator,
  INTERNAL_HEADERS,
  internalCallHeaders,
  internalOnly,
  localKeys,
  provenClientIp,
  requireAdmin,
  requireOwner,
  requireViewer,
  signInternalProof,
  TokenVerifier,
  verifyInternalProof,
} from '../src/index.js';

const secret = 'a-test-secret-of-at-least-32-characters!';
const subject = { requestId: 'req-00000001', clientIp: '203.0.113.7', authorization: 'Bearer a.b.c' };

const codeOf = async (fn: () => unknown) => {
  try {
    await fn();
    return 'accepted';
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : String(error);
  }
};

describe('internalOnly', () => {
  it('passes requests with a valid proof on and answers 401 to the rest', () => {
    const answers: Array<[number, unknown]> = [];
    let passed = 0;
    const res = { status: (code: number) => ({ json: (body: unknown) => answers.push([code, body]) }) };
    const guard = internalOnly(secret);
    guard({ headers: { ...internalCallHeaders(secret, subject), authorization: subject.authorization } }, res, () => {
      passed += 1;
    });
    guard({ headers: internalCallHeaders('another-secret-of-at-least-32-characters', subject) }, res, () => {
      passed += 1;
    });
    guard({ headers: {} }, res, () => {
      passed += 1;
    });
    expect(passed).toBe(1);
    expect(answers).toEqual([
      [401, { error: 'internal only' }],
      [401, { error: 'internal only' }],
    ]);
  });
});

describe('internal proof', () => {
  it('verifies for the same subject and secret within a minute', () => {
    const proof = signInternalProof(secret, subject);
    expect(verifyInternalProof(secret, proof, subject)).toBe(true);
    expect(verifyInternalProof(secret, proof, subject, { now: Date.now() + 59_000 })).toBe(true);
  });

  it('fails for another token, client, request, secret, time or a mangled proof', () => {
    const proof = signInternalProof(secret, subject);
    expect(verifyInternalProof(secret, proof, { ...subject, authorization: 'Bearer x.y.z' })).toBe(false);
    expect(verifyInternalProof(secret, proof, { ...subject, authorization: undefined })).toBe(false);
    expect(verifyInternalProof(secret, proof, { ...subject, clientIp: '198.51.100.1' })).toBe(false);
    expect(verifyInternalProof(secret, proof, { ...subject, requestId: 'req-00000002' })).toBe(false);
    expect(verifyInternalProof(`${secret}x`, proof, subject)).toBe(false);
    expect(verifyInternalProof(secret, proof, subject, { now: Date.now() + 120_000 })).toBe(false);
    expect(verifyInternalProof(secret, `${proof.slice(0, -1)}0`, subject)).toBe(proof.endsWith('0'));
    for (const bad of [undefined, '', 'v1', 'v1.1.zz', `v2${proof.slice(2)}`])
      expect(verifyInternalProof(secret, bad, subject)).toBe(false);
  });
});

describe('subgraph authenticator', () => {
  it('refuses calls without proof, whatever identity headers they carry, and verifies forwarded tokens', async () => {
    const key = await createTestSigningKey();
    const verifier = new TokenVerifier({
      keys: localKeys(async () => ({ keys: [key.publicJwk] })),
      issuer: 'storegraph-users',
      audience: 'storegraph',
    });
    const authenticate = createSubgraphAuthenticator({ verifier, internalSecret: secret });
    const token = await signTestToken(key, { sub: '7d7c6d5e-0000-4000-8000-000000000001', role: 'CUSTOMER' });
    const authorization = `Bearer ${token}`;

    expect(await codeOf(() => authenticate({ authorization, 'x-user-id': 'admin', 'x-role': 'ADMIN' }))).toBe(
      'UNAUTHENTICATED',
    );
    const forgedProof = {
      authorization,
      [INTERNAL_HEADERS.proof]: signInternalProof('guessed-secret', { ...subject, authorization }),
    };
    expect(await codeOf(() => authenticate(forgedProof))).toBe('UNAUTHENTICATED');

    const headers = { authorization, ...internalCallHeaders(secret, { ...subject, authorization }) };
    expect(await authenticate(headers)).toEqual({
      userId: '7d7c6d5e-0000-4000-8000-000000000001',
      role: 'CUSTOMER',
      scopes: ['customer'],
    });
    expect(provenClientIp(headers)).toBe('203.0.113.7');
    const guest = internalCallHeaders(secret, { ...subject, authorization: undefined });
    expect(await authenticate(guest)).toBeNull();
    const swapped = { ...headers, authorization: `Bearer ${await signTestToken(key, { role: 'ADMIN' })}` };
    expect(await codeOf(() => authenticate(swapped))).toBe('UNAUTHENTICATED');
  });
});

describe('guards', () => {
  const customer = { userId: 'u1', role: 'CUSTOMER' as const, scopes: [] };
  const admin = { userId: 'a1', role: 'ADMIN' as const, scopes: [] };
  it('answer UNAUTHENTICATED for guests and FORBIDDEN for others', async () => {
    expect(await codeOf(() => requireViewer(null))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => requireAdmin(customer))).toBe('FORBIDDEN');
    expect(await codeOf(() => requireAdmin(admin))).toBe('accepted');
    expect(await codeOf(() => requireOwner(customer, 'u2'))).toBe('FORBIDDEN');
    expect(await codeOf(() => requireOwner(customer, 'u1'))).toBe('accepted');
    expect(await codeOf(() => requireOwner(admin, 'u2'))).toBe('accepted');
  });
});
