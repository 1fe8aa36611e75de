import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, type PublishedKey, type SigningKeyStore } from '../domain/access-tokens.js';
import type { PrismaClient } from './prisma-client.js';

async function newKey() {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const kid = randomBytes(16).toString('base64url');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALGORITHM };
  return { kid, publicJwk, privateJwk };
}

/** Signing keys in the users database. A unique partial index allows one active key. */
export class PrismaSigningKeyStore implements SigningKeyStore {
  private cached: { kid: string; privateJwk: Record<string, unknown>; algorithm: string; at: number } | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    /** How long the active key is trusted from memory before the database is asked again. */
    private readonly cacheMs = 10_000,
  ) {}

  async activeKey() {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached;
    let row = await this.prisma.signingKey.findFirst({ where: { retiredAt: null } });
    if (!row) {
      const key = await newKey();
      try {
        row = await this.prisma.signingKey.create({
          data: {
            kid: key.kid,
            algorithm: ACCESS_TOKEN_ALGORITHM,
            publicJwk: key.publicJwk,
            privateJwk: key.privateJwk,
          },
        });
      } catch {
        // Another replica created the first key at the same moment; use that one.
        row = await this.prisma.signingKey.findFirstOrThrow({ where: { retiredAt: null } });
      }
    }
    this.cached = {
      kid: row.kid,
      privateJwk: row.privateJwk as Record<string, unknown>,
      algorithm: row.algorithm,
      at: Date.now(),
    };
    return this.cached;
  }

  async publishedKeys(graceSeconds: number): Promise<PublishedKey[]> {
    const since = new Date(Date.now() - graceSeconds * 1000);
    const rows = await this.prisma.signingKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: since } }] },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map((r) => ({ kid: r.kid, jwk: r.publicJwk as Record<string, unknown> }));
  }

  async rotate() {
    const key = await newKey();
    const result = await this.prisma.$transaction(async (tx) => {
      const current = await tx.signingKey.findFirst({ where: { retiredAt: null } });
      if (current) await tx.signingKey.update({ where: { kid: current.kid }, data: { retiredAt: new Date() } });
      await tx.signingKey.create({
        data: { kid: key.kid, algorithm: ACCESS_TOKEN_ALGORITHM, publicJwk: key.publicJwk, privateJwk: key.privateJwk },
      });
      return { kid: key.kid, retired: current?.kid ?? null };
    });
    this.cached = undefined;
    return result;
  }
}
