import type { Viewer } from '@storegraph/graphql-kit';
import DataLoader from 'dataloader';
import type { AddressRecord, UserRecord, UserStore } from '../domain/user.records.js';

export interface UsersContext {
  viewer: Viewer | null;
  loaders: {
    user: DataLoader<string, UserRecord | null>;
    addressesOfUser: DataLoader<string, AddressRecord[]>;
  };
}

export function createContext(store: UserStore, viewer: Viewer | null): UsersContext {
  return {
    viewer,
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
