import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface RemoteKeysOptions {
  /** Keys are trusted from cache this long before they are fetched again. */
  cacheMaxAgeMs?: number;
  /** At most one refetch per this interval, however many unknown `kid`s arrive. */
  cooldownMs?: number;
  timeoutMs?: number;
}

/**
 * The users service's published keys (JWKS), cached; an unknown `kid` triggers a
 * refetch, rate-limited by the cooldown so forged kids cannot hammer the endpoint.
 */
export function remoteKeys(jwksUrl: string, options: RemoteKeysOptions = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.cooldownMs ?? 30_000,
    timeoutDuration: options.timeoutMs ?? 2_000,
  });
}

/**
 * Keys loaded in process (the users service reads its own signing keys), reloaded
 * at most every `cacheMs`.
 */
export function localKeys(load: () => Promise<JSONWebKeySet>, cacheMs = 10_000): JWTVerifyGetKey {
  let current: { at: number; getKey: JWTVerifyGetKey } | undefined;
  return async (header, token) => {
    if (!current || Date.now() - current.at > cacheMs) {
      current = { at: Date.now(), getKey: createLocalJWKSet(await load()) };
    }
    try {
      return await current.getKey(header, token);
    } catch (error) {
      // A key rotated in since the last load: reload once, now.
      if (Date.now() - current.at < 1_000) throw error;
      current = { at: Date.now(), getKey: createLocalJWKSet(await load()) };
      return current.getKey(header, token);
    }
  };
}
