import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface TestSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** An Ed25519 signing key like the users service's, for tests that need their own. */
export async function createTestSigningKey(kid = `test-${randomUUID().slice(0, 8)}`): Promise<TestSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

export interface TokenClaims {
  sub?: string;
  role?: string;
  scope?: string;
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number | null;
}

/** Signs a token with full control over its claims and header (null exp: no exp claim). */
export async function signTestToken(
  key: TestSigningKey,
  claims: TokenClaims,
  header: { kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: claims.role ?? 'CUSTOMER', scope: claims.scope ?? 'customer' })
    .setProtectedHeader({ alg: 'EdDSA', kid: header.kid ?? key.kid, typ: 'JWT' })
    .setSubject(claims.sub ?? randomUUID())
    .setIssuer(claims.iss ?? 'storegraph-users')
    .setAudience(claims.aud ?? 'storegraph')
    .setIssuedAt(claims.iat ?? now)
    .setJti(randomUUID());
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? now + 900);
  return jwt.sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens an attacker might present, given a genuine token: each must be refused.
 * Names say what each tries.
 */
export async function forgedTokens(options: {
  genuine: string;
  genuineKey: TestSigningKey;
  issuer: string;
  audience: string;
}): Promise<Record<string, string>> {
  const { genuine, genuineKey } = options;
  const [header = '', payload = '', signature = ''] = genuine.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const hs256 = async (secret: Uint8Array) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', kid: genuineKey.kid, typ: 'JWT' }).sign(secret);
  const foreign = await createTestSigningKey(genuineKey.kid);
  const now = Math.floor(Date.now() / 1000);
  const base = { sub: claims.sub as string, iss: options.issuer, aud: options.audience };
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'alg none with a signature': `${b64({ alg: 'none', kid: genuineKey.kid })}.${payload}.${signature}`,
    'HS256 with a guessed secret': await hs256(new TextEncoder().encode('secret')),
    'HS256 keyed with the public key': await hs256(new TextEncoder().encode(JSON.stringify(genuineKey.publicJwk))),
    'signed by a foreign key with the same kid': await signTestToken(foreign, base),
    'kid with a path': await signTestToken(genuineKey, base, { kid: '../../../../etc/passwd' }),
    'kid with SQL': await signTestToken(genuineKey, base, { kid: "x' OR '1'='1" }),
    'no exp': await signTestToken(genuineKey, { ...base, exp: null }),
    expired: await signTestToken(genuineKey, { ...base, iat: now - 1000, exp: now - 120 }),
    'wrong issuer': await signTestToken(genuineKey, { ...base, iss: 'someone-else' }),
    'wrong audience': await signTestToken(genuineKey, { ...base, aud: 'another-api' }),
    'payload tampered (role ADMIN)': `${header}.${b64({ ...claims, role: 'ADMIN', scope: 'customer admin' })}.${signature}`,
    'unknown role': await signTestToken(genuineKey, { ...base, role: 'SUPERUSER' }),
    'not a JWT': 'definitely-not-a-token',
    oversized: `${header}.${'A'.repeat(5_000)}.${signature}`,
  };
}
