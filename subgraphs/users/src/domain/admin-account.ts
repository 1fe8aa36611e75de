import { normaliseEmail, type PasswordHasher, type UserStore } from './user.records.js';

/**
 * Makes sure the operator's ADMIN account exists. An existing account keeps its
 * password (an operator may have changed it); only a new one gets `password`.
 */
export async function ensureAdminAccount(
  store: UserStore,
  hasher: PasswordHasher,
  input: { email: string; password: string; name: string },
) {
  const email = normaliseEmail(input.email);
  const existing = await store.upsertAdmin({
    email,
    name: input.name,
    passwordHash: await hasher.hash(input.password),
  });
  return existing;
}
