import { type UserError, userError } from '@storegraph/graphql-kit';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export const WEAK_PASSWORD = 'WEAK_PASSWORD';

/**
 * Why `password` may not be chosen by the owner of `email`, or null when it may.
 * Length counts characters (code points), not UTF-16 units, so an emoji is one.
 * A password is refused when it is in the common list or equals the email or its
 * local part, each compared case-insensitively.
 */
export function passwordWeakness(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return 'This password is one of the most commonly used; choose another.';
  const normalisedEmail = email.trim().toLowerCase();
  const localPart = normalisedEmail.split('@')[0] ?? '';
  if (lowered === normalisedEmail || (localPart.length > 0 && lowered === localPart)) {
    return 'The password must not be your email address.';
  }
  return null;
}

/** The policy as a userError at `field`, or null when the password may be chosen. */
export function checkPassword(password: string, email: string, field: string[]): UserError | null {
  const weakness = passwordWeakness(password, email);
  return weakness ? userError(WEAK_PASSWORD, weakness, field) : null;
}
