import { type UserError, userError } from './common-types.js';
import { COUNTRY_CODES } from './countries.js';

/** C0 control characters and DEL: never part of a name or an address. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** An address as a client sends it (AddressInput). */
export interface AddressRequest {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
  isDefault?: boolean | null;
}

/** A checked address: trimmed, empty optionals as null, country upper-cased. */
export interface AddressDraft {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
}

/** Limits in characters; generous enough for any postal system. */
const MAX_LENGTH = { name: 100, line1: 200, line2: 200, city: 100, region: 100, postalCode: 20 } as const;

/** Digits, spaces and + - ( ), 5 to 20 characters, at least 5 of them digits. */
const PHONE_SHAPE = /^[0-9 +\-()]{5,20}$/;

/** Too long, or holding control characters. */
const unfit = (value: string, max: number) => [...value].length > max || CONTROL_CHARACTERS.test(value);

/**
 * Every problem of an address at once (fields reported under `path`, e.g. ['input']
 * or ['input', 'shippingAddress']), or the checked draft. Shared by the address book
 * (users) and the checkout's shipping address (orders), so both accept the same.
 */
export function checkAddress(
  input: AddressRequest,
  path: string[] = ['input'],
): { draft: AddressDraft | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const required = (key: 'name' | 'line1' | 'city' | 'postalCode'): string => {
    const value = input[key].trim();
    const max = MAX_LENGTH[key];
    if (value.length === 0 || unfit(value, max)) {
      errors.push(
        userError('INVALID_ADDRESS', `${key} is required and may have at most ${max} characters.`, [...path, key]),
      );
    }
    return value;
  };
  const optional = (key: 'line2' | 'region'): string | null => {
    const value = input[key]?.trim() || null;
    const max = MAX_LENGTH[key];
    if (value !== null && unfit(value, max)) {
      errors.push(userError('INVALID_ADDRESS', `${key} may have at most ${max} characters.`, [...path, key]));
    }
    return value;
  };
  const draft: AddressDraft = {
    name: required('name'),
    line1: required('line1'),
    line2: optional('line2'),
    city: required('city'),
    region: optional('region'),
    postalCode: required('postalCode'),
    country: input.country.trim().toUpperCase(),
    phone: input.phone?.trim() || null,
  };
  if (!COUNTRY_CODES.has(draft.country)) {
    errors.push(
      userError('INVALID_COUNTRY', 'Use an ISO 3166-1 alpha-2 country code, such as GB or US.', [...path, 'country']),
    );
  }
  if (draft.phone !== null && (!PHONE_SHAPE.test(draft.phone) || draft.phone.replace(/\D/g, '').length < 5)) {
    errors.push(
      userError('INVALID_PHONE', 'Use 5 to 20 digits, spaces and + - ( ) for the phone number.', [...path, 'phone']),
    );
  }
  return errors.length > 0 ? { draft: null, errors } : { draft, errors };
}
