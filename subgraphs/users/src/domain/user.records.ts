import type { Role } from '@storegraph/graphql-kit';
import type { AddressDraft } from './address-input.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface AddressRecord extends AddressDraft {
  id: string;
  userId: string;
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
  /** The account with its password hash, by normalised email. */
  credentialsByEmail(email: string): Promise<UserCredentials | null>;
  credentialsById(id: string): Promise<UserCredentials | null>;
  /**
   * Creates a CUSTOMER account; null when the email is taken. The unique index
   * decides, so two concurrent registrations of one email cannot both succeed.
   */
  createCustomer(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord | null>;
  /** Changes name and/or email (normalised); the unique index decides whether the email is free. */
  updateProfile(id: string, changes: { name?: string; email?: string }): Promise<ProfileUpdate>;
  /** Replaces the password hash and revokes every refresh token of the user, in one transaction. */
  replacePassword(id: string, passwordHash: string): Promise<void>;
  ping(): Promise<void>;
}

export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

export type ProfileUpdate =
  | { outcome: 'updated'; user: UserRecord }
  | { outcome: 'email-taken' }
  | { outcome: 'missing' };

/**
 * A user's addresses. Changes of one user's book are serialised (the user's row is
 * locked), so the limit and the single default hold under concurrent requests.
 */
export interface AddressBook {
  /**
   * Adds the address unless the book already holds `max`. It becomes the only
   * default when `makeDefault` is set or when it is the first address.
   */
  add(userId: string, draft: AddressDraft, options: { makeDefault: boolean; max: number }): Promise<AddressAdd>;
  /**
   * Deletes the user's address; when it was the default, the most recently added
   * remaining address becomes the default. False when the user has no such address.
   */
  remove(userId: string, addressId: string): Promise<boolean>;
}

export type AddressAdd = { outcome: 'added'; address: AddressRecord } | { outcome: 'full' } | { outcome: 'missing' };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Emails are compared trimmed and lower-cased; the database enforces it too. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
