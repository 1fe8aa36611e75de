import type { Role } from '@storegraph/graphql-kit';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface AddressRecord {
  id: string;
  userId: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
  isDefault: boolean;
}

/** Storage of accounts; implemented over Postgres in data/. */
export interface UserStore {
  usersByIds(ids: readonly string[]): Promise<UserRecord[]>;
  addressesByUserIds(userIds: readonly string[]): Promise<AddressRecord[]>;
  /** Creates the account, or promotes the existing one with that email to ADMIN. */
  upsertAdmin(input: {
    email: string;
    name: string;
    passwordHash: string;
  }): Promise<{ user: UserRecord; created: boolean }>;
  ping(): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Emails are compared trimmed and lower-cased; the database enforces it too. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
