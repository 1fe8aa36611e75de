import { randomUUID } from 'node:crypto';
import type { Role } from '@storegraph/graphql-kit';
import { importJWK, SignJWT } from 'jose';
import {
  type AccessTokenIssuer,
  type IssuedAccessToken,
  type SigningKeyStore,
  scopeFor,
} from '../domain/access-tokens.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export class JoseAccessTokenIssuer implements AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly settings: AccessTokenSettings,
  ) {}

  async issue(user: { id: string; role: Role }): Promise<IssuedAccessToken> {
    const key = await this.keys.activeKey();
    const privateKey = await importJWK(key.privateJwk, key.algorithm);
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.settings.ttlSeconds;
    const token = await new SignJWT({ role: user.role, scope: scopeFor(user.role) })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
