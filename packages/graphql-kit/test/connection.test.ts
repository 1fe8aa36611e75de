import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from '../src/connection.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'not a GraphQLError';
  }
  return 'no error';
};

describe('connections', () => {
  it('accepts page sizes 1..100 and refuses others as BAD_USER_INPUT', () => {
    expect(pageSize(undefined)).toBe(24);
    expect(pageSize(null, 20)).toBe(20);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 2.5]) expect(code(() => pageSize(bad))).toBe('BAD_USER_INPUT');
  });

  it('round-trips cursors and rejects forged or malformed ones', () => {
    const cursor = encodeCursor(['PRICE', 1999, 'a1b2']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 3)).toEqual(['PRICE', 1999, 'a1b2']);
    expect(code(() => decodeCursor(cursor, 2))).toBe('BAD_USER_INPUT');
    expect(code(() => decodeCursor('not base64!', 3))).toBe('BAD_USER_INPUT');
    expect(code(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1))).toBe('BAD_USER_INPUT');
    expect(code(() => decodeCursor(Buffer.from('[{"x":1}]').toString('base64url'), 1))).toBe('BAD_USER_INPUT');
    expect(code(() => decodeCursor('A'.repeat(600), 1))).toBe('BAD_USER_INPUT');
  });
});
