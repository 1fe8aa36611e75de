import { CONTROL_CHARACTERS, type UserError, userError } from '@storegraph/graphql-kit';
import { normaliseEmail } from './user.records.js';

export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;

/**
 * The WHATWG (HTML `type=email`) grammar, with a dot required in the domain: what
 * a mail system can deliver to, without quoted local parts or IP literals.
 */
const EMAIL_SHAPE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export type Checked<T> = { value: T; error: null } | { value: null; error: UserError };

const ok = <T>(value: T): Checked<T> => ({ value, error: null });
const fail = <T>(error: UserError): Checked<T> => ({ value: null, error });

/** Trimmed, lower-cased and well formed, or INVALID_EMAIL at `field`. */
export function checkEmail(raw: string, field: string[]): Checked<string> {
  const email = normaliseEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) {
    return fail(userError('INVALID_EMAIL', 'Enter a valid email address.', field));
  }
  return ok(email);
}

/** Trimmed, 1..100 characters, no control characters, or INVALID_NAME at `field`. */
export function checkName(raw: string, field: string[]): Checked<string> {
  const name = raw.trim();
  const length = [...name].length;
  if (length === 0 || length > MAX_NAME_LENGTH || CONTROL_CHARACTERS.test(name)) {
    return fail(userError('INVALID_NAME', `Enter a name of 1 to ${MAX_NAME_LENGTH} characters.`, field));
  }
  return ok(name);
}
