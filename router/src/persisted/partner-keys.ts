import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sha256Hex } from './manifest.js';

/** `read` runs persisted queries, `write` persisted mutations. */
export type PartnerScope = 'read' | 'write';
export const PARTNER_SCOPES: readonly PartnerScope[] = ['read', 'write'];

export interface PartnerKey {
  id: string;
  name: string;
  /** A rate-limit tier of the router's config (RATE_LIMIT_TIERS). */
  tier: string;
  scopes: PartnerScope[];
  /** Persisted operation ids, or `manifest:<name>` for every operation of a manifest. */
  operations: string[];
  createdAt: string;
  revokedAt?: string;
}

/**
 * Partner API keys, kept by the router in its Redis (the store it already needs for
 * rate limits, so verifying a key costs one round trip and no other service). Only
 * the SHA-256 of a key is stored: keys are 256 random bits, so a fast unsalted hash
 * cannot be reversed by guessing, and a leak of the store reveals no usable key.
 */
export class PartnerKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private byHash(hash: string) {
    return `${this.prefix}partner-key:${hash}`;
  }

  private get index() {
    return `${this.prefix}partner-keys`;
  }

  /** Creates a key; the secret is returned once and never stored. */
  async create(input: Pick<PartnerKey, 'name' | 'tier' | 'scopes' | 'operations'>) {
    const record: PartnerKey = { id: randomUUID(), ...input, createdAt: new Date().toISOString() };
    const secret = `sgp_${randomBytes(32).toString('base64url')}`;
    const hash = sha256Hex(secret);
    await this.redis
      .multi()
      .set(this.byHash(hash), JSON.stringify(record))
      .hset(this.index, record.id, JSON.stringify({ ...record, hash }))
      .exec();
    return { secret, record };
  }

  /** The live key a secret belongs to, or null (unknown or revoked). */
  async find(secret: string): Promise<PartnerKey | null> {
    const stored = await this.redis.get(this.byHash(sha256Hex(secret)));
    return stored ? (JSON.parse(stored) as PartnerKey) : null;
  }

  /** Revokes a key by id; false when there is no such live key. */
  async revoke(id: string): Promise<boolean> {
    const stored = await this.redis.hget(this.index, id);
    if (!stored) return false;
    const { hash, ...record } = JSON.parse(stored) as PartnerKey & { hash: string };
    if (record.revokedAt) return false;
    const revoked = { ...record, revokedAt: new Date().toISOString() };
    await this.redis
      .multi()
      .del(this.byHash(hash))
      .hset(this.index, id, JSON.stringify({ ...revoked, hash }))
      .exec();
    return true;
  }

  async list(): Promise<PartnerKey[]> {
    const all = await this.redis.hvals(this.index);
    return all
      .map((text) => {
        const { hash: _hash, ...record } = JSON.parse(text) as PartnerKey & { hash: string };
        return record;
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
