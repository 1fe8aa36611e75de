import { type UserError, userError } from '@storegraph/graphql-kit';
import { CONTROL_CHARACTERS } from './account-input.js';
import { COUNTRY_CODES } from './countries.js';

/** At most this many addresses in one address book. */
export const MAX_ADDRESSES = 20;

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

/** Every problem of the request at once, or the draft to store. */
export function checkAddress(input: AddressRequest): { draft: AddressDraft | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const required = (key: 'name' | 'line1' | 'city' | 'postalCode'): string => {
    const value = input[key].trim();
    const max = MAX_LENGTH[key];
    if (value.length === 0 || unfit(value, max)) {
      errors.push(
        userError('INVALID_ADDRESS', `${key} is required and may have at most ${max} characters.`, ['input', key]),
      );
    }
    return value;
  };
  const optional = (key: 'line2' | 'region'): string | null => {
    const value = input[key]?.trim() || null;
    const max = MAX_LENGTH[key];
    if (value !== null && unfit(value, max)) {
      errors.push(userError('INVALID_ADDRESS', `${key} may have at most ${max} characters.`, ['input', key]));
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
      userError('INVALID_COUNTRY', 'Use an ISO 3166-1 alpha-2 country code, such as GB or US.', ['input', 'country']),
    );
  }
  if (draft.phone !== null && (!PHONE_SHAPE.test(draft.phone) || draft.phone.replace(/\D/g, '').length < 5)) {
    errors.push(
      userError('INVALID_PHONE', 'Use 5 to 20 digits, spaces and + - ( ) for the phone number.', ['input', 'phone']),
    );
  }
  return errors.length > 0 ? { draft: null, errors } : { draft, errors };
}
