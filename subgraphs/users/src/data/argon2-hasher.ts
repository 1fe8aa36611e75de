import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2, an ambient const enum that isolated modules cannot read. */
const ARGON2ID = 2;

import type { PasswordHasher } from '../domain/user.records.js';

/**
 * argon2id at OWASP's first recommended setting: 19 MiB of memory, 2 passes,
 * one lane. About 20-30 ms per hash on one core here.
 */
export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2_PARAMETERS),
  verify: (passwordHash, password) => verify(passwordHash, password),
};
