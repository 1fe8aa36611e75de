import { unauthenticated, type Viewer } from '@storegraph/graphql-kit';
import DataLoader from 'dataloader';
import type { AuthService } from '../domain/auth.service.js';
import type { ProfileService } from '../domain/profile.service.js';
import type { SessionService } from '../domain/session.service.js';
import type { AddressRecord, UserRecord, UserStore } from '../domain/user.records.js';

/** The account services the mutations call (see createAccountModule in ../accounts.ts). */
export interface AccountServices {
  auth: AuthService;
  sessions: SessionService;
  profile: ProfileService;
}

export interface UsersContext {
  viewer: Viewer | null;
  loaders: {
    user: DataLoader<string, UserRecord | null>;
    addressesOfUser: DataLoader<string, AddressRecord[]>;
  };
  /** Absent only in a server built without the account module; its mutations then fail. */
  accounts?: AccountServices;
  /** The client's address as the composition root established it (it decides which proxies to trust). */
  clientIp?: string | null;
}

/** What a server adds to each request's context for the account mutations. */
export interface AccountContextPart {
  accounts?: AccountServices;
  clientIp?: string | null;
}

export function createContext(store: UserStore, viewer: Viewer | null, part: AccountContextPart = {}): UsersContext {
  return {
    viewer,
    accounts: part.accounts,
    clientIp: part.clientIp ?? null,
    loaders: {
      user: new DataLoader(async (ids) => {
        const users = new Map((await store.usersByIds(ids)).map((u) => [u.id, u]));
        return ids.map((id) => users.get(id) ?? null);
      }),
      addressesOfUser: new DataLoader(async (ids) => {
        const rows = await store.addressesByUserIds(ids);
        return ids.map((id) => rows.filter((a) => a.userId === id));
      }),
    },
  };
}

export function accountsOf(ctx: UsersContext): AccountServices {
  if (!ctx.accounts) throw new Error('the account module is not wired into this server');
  return ctx.accounts;
}

/** The signed-in viewer, or UNAUTHENTICATED. */
export function signedIn(ctx: UsersContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
