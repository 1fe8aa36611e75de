import { COUNTRY_CODES } from '@storegraph/graphql-kit';
import { describe, expect, it } from 'vitest';
import { checkEmail, checkName } from '../src/domain/account-input.js';
import { checkAddress } from '../src/domain/address-input.js';
import { COMMON_PASSWORDS } from '../src/domain/common-passwords.js';
import { checkPassword, passwordWeakness } from '../src/domain/password-policy.js';

const EMAIL = 'christopher.robin@example.com';

describe('password policy', () => {
  it('bundles at least 1,000 lower-case common passwords, the long classics among them', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
    for (const classic of ['123456', 'password', 'qwerty', 'iloveyou', 'letmein', 'trustno1', 'monkey', 'dragon']) {
      expect(COMMON_PASSWORDS.has(classic), classic).toBe(true);
    }
    for (const long of ['1234567890', 'qwertyuiop', 'password123', 'iloveyou12', '1q2w3e4r5t', '1qaz2wsx3edc']) {
      expect(COMMON_PASSWORDS.has(long), long).toBe(true);
    }
  });

  it('needs 10 to 256 characters, counted as characters rather than UTF-16 units', () => {
    expect(passwordWeakness('aaaaaaaaa!', EMAIL)).toBeNull();
    expect(passwordWeakness('tangerine', EMAIL)).toMatch(/at least 10/);
    expect(passwordWeakness('🙂'.repeat(9), EMAIL)).toMatch(/at least 10/);
    expect(passwordWeakness('🙂'.repeat(10), EMAIL)).toBeNull();
    expect(passwordWeakness('x'.repeat(256), EMAIL)).toBeNull();
    expect(passwordWeakness('x'.repeat(257), EMAIL)).toMatch(/at most 256/);
  });

  it('refuses common passwords whatever their case', () => {
    for (const common of ['1234567890', 'QWERTYUIOP', 'Password123', 'iLoveYou12', 'Password1234']) {
      expect(passwordWeakness(common, EMAIL), common).toMatch(/most commonly used/);
    }
    expect(passwordWeakness('plum-Tractor-42-orbit', EMAIL)).toBeNull();
  });

  it('refuses the email address and its local part, case-insensitively', () => {
    expect(passwordWeakness('Christopher.Robin@Example.com', EMAIL)).toMatch(/email/);
    expect(passwordWeakness('CHRISTOPHER.ROBIN', EMAIL)).toMatch(/email/);
    expect(passwordWeakness('christopher.robin!', EMAIL)).toBeNull();
  });

  it('reports WEAK_PASSWORD at the field it is given', () => {
    expect(checkPassword('short', EMAIL, ['newPassword'])).toMatchObject({
      code: 'WEAK_PASSWORD',
      field: ['newPassword'],
    });
    expect(checkPassword('plum-Tractor-42-orbit', EMAIL, ['newPassword'])).toBeNull();
  });
});

describe('email and name', () => {
  it('trims and lower-cases an email, and refuses malformed or overlong ones', () => {
    expect(checkEmail('  Ada.Lovelace@Example.COM ', ['email'])).toEqual({
      value: 'ada.lovelace@example.com',
      error: null,
    });
    for (const bad of ['not-an-email', 'a@b', 'a b@example.com', '@example.com', 'a@@example.com', '']) {
      expect(checkEmail(bad, ['email']).error?.code, bad).toBe('INVALID_EMAIL');
    }
    const local = 'a'.repeat(64);
    const long = `${local}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`;
    expect(long.length).toBe(255);
    expect(checkEmail(long, ['email']).error?.code).toBe('INVALID_EMAIL');
    expect(checkEmail(long.slice(1), ['email']).error).toBeNull();
  });

  it('trims a name to 1..100 characters', () => {
    expect(checkName('  Ada  ', ['name']).value).toBe('Ada');
    expect(checkName('   ', ['name']).error?.code).toBe('INVALID_NAME');
    expect(checkName('x'.repeat(101), ['name']).error?.code).toBe('INVALID_NAME');
    expect(checkName('x'.repeat(100), ['name']).error).toBeNull();
    expect(checkName('Ada\u0000', ['name']).error?.code).toBe('INVALID_NAME');
  });
});

describe('addresses', () => {
  const valid = { name: ' Ada ', line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', country: 'gb' };

  it('bundles the 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const code of ['GB', 'US', 'DE', 'AX', 'SS', 'BQ']) expect(COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'XX', 'EU', 'ZZ', 'XK', 'AN']) expect(COUNTRY_CODES.has(code), code).toBe(false);
  });

  it('trims, upper-cases the country and turns empty optionals into null', () => {
    expect(checkAddress({ ...valid, line2: '  ', phone: ' +44 (20) 7946-0958 ' })).toEqual({
      draft: {
        name: 'Ada',
        line1: '1 Main St',
        line2: null,
        city: 'London',
        region: null,
        postalCode: 'N1 9GU',
        country: 'GB',
        phone: '+44 (20) 7946-0958',
      },
      errors: [],
    });
  });

  it('reports every problem at once, each at its field', () => {
    const { draft, errors } = checkAddress({
      ...valid,
      line1: '   ',
      city: 'x'.repeat(101),
      country: 'UK',
      phone: 'call me maybe',
    });
    expect(draft).toBeNull();
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_ADDRESS', ['input', 'line1']],
      ['INVALID_ADDRESS', ['input', 'city']],
      ['INVALID_COUNTRY', ['input', 'country']],
      ['INVALID_PHONE', ['input', 'phone']],
    ]);
  });

  it('accepts phones of 5 to 20 digits, spaces and + - ( )', () => {
    expect(checkAddress({ ...valid, phone: '12345' }).errors).toEqual([]);
    expect(checkAddress({ ...valid, phone: '1234' }).errors[0]?.code).toBe('INVALID_PHONE');
    expect(checkAddress({ ...valid, phone: '+1 (555) 010-0000 00' }).errors).toEqual([]);
    expect(checkAddress({ ...valid, phone: '+1 (555) 010-0000 000' }).errors[0]?.code).toBe('INVALID_PHONE');
    expect(checkAddress({ ...valid, phone: '(((-)))' }).errors[0]?.code).toBe('INVALID_PHONE');
  });
});
