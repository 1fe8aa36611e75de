import type { IncomingHttpHeaders } from 'node:http';

export type Role = 'CUSTOMER' | 'ADMIN';

/** Who is asking, as established by a verified access token. */
export interface Viewer {
  userId: string;
  role: Role;
  scopes: string[];
}

/**
 * Establishes the viewer of a request from its headers. Each subgraph receives one
 * at construction, so token verification (JWKS, issuer, audience) plugs in here
 * without touching resolvers.
 */
export type Authenticate = (headers: IncomingHttpHeaders) => Promise<Viewer | null>;

/**
 * Treats every request as a guest. This is what a subgraph runs with until an
 * access-token verifier is configured: identity is never taken from headers a
 * client could forge.
 */
export const everyoneIsGuest: Authenticate = async () => null;

export function isAdmin(viewer: Viewer | null): boolean {
  return viewer?.role === 'ADMIN';
}

/** Owner-or-admin rule used inside resolvers and __resolveReference alike. */
export function mayAccess(viewer: Viewer | null, ownerId: string | null): boolean {
  return viewer !== null && (viewer.role === 'ADMIN' || (ownerId !== null && viewer.userId === ownerId));
}
