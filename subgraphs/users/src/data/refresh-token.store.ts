import { randomUUID } from 'node:crypto';
import type { RefreshTokenStore, RotationOutcome } from '../domain/refresh-tokens.js';
import type { PrismaClient } from './prisma-client.js';

/** Refresh tokens in `refresh_tokens`, by the hex SHA-256 of the token only. */
export class PrismaRefreshTokenStore implements RefreshTokenStore {
  constructor(private readonly prisma: PrismaClient) {}

  async startFamily(token: { userId: string; tokenHash: string; expiresAt: Date }): Promise<{ familyId: string }> {
    const familyId = randomUUID();
    await this.prisma.refreshToken.create({ data: { ...token, familyId } });
    return { familyId };
  }

  rotate(tokenHash: string, next: { tokenHash: string; expiresAt: Date }): Promise<RotationOutcome> {
    return this.prisma.$transaction(async (tx): Promise<RotationOutcome> => {
      // The spend and its condition are one statement: a concurrent rotation of the
      // same token waits for this row's lock, then finds used_at set and matches nothing.
      const spent = await tx.$queryRaw<Array<{ family_id: string; user_id: string }>>`
        UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = ${tokenHash} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING family_id::text, user_id::text`;
      const row = spent[0];
      if (row) {
        await tx.refreshToken.create({
          data: { familyId: row.family_id, userId: row.user_id, tokenHash: next.tokenHash, expiresAt: next.expiresAt },
        });
        return { outcome: 'rotated', userId: row.user_id, familyId: row.family_id };
      }
      const known = await tx.refreshToken.findUnique({
        where: { tokenHash },
        select: { familyId: true, userId: true, usedAt: true },
      });
      return known?.usedAt
        ? { outcome: 'spent', userId: known.userId, familyId: known.familyId }
        : { outcome: 'invalid' };
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  async revokeFamilyOf(tokenHash: string): Promise<boolean> {
    const token = await this.prisma.refreshToken.findUnique({ where: { tokenHash }, select: { familyId: true } });
    if (!token) return false;
    await this.revokeFamily(token.familyId);
    return true;
  }
}
