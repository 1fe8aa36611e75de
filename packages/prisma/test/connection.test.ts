import { describe, expect, it } from 'vitest';
import { connectionFields, databaseName, quoteIdent, withDatabase } from '../src/index.js';

describe('connectionFields', () => {
  it('reads user, decoded password, host, port and database from a URL', () => {
    expect(
      connectionFields('postgresql://shop%40admin:p%40ss%3Aw%2Frd%25@db.example.com:6543/storegraph_users'),
    ).toEqual({
      host: 'db.example.com',
      port: 6543,
      user: 'shop@admin',
      password: 'p@ss:w/rd%',
      database: 'storegraph_users',
    });
  });

  it('defaults the port and leaves absent credentials undefined', () => {
    expect(connectionFields('postgres://127.0.0.1/catalog')).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: undefined,
      password: undefined,
      database: 'catalog',
    });
  });

  it('decodes an encoded database name', () => {
    expect(connectionFields('postgres://u@localhost/my%20db').database).toBe('my db');
  });

  it('gives the bare address of an IPv6 host', () => {
    expect(connectionFields('postgres://u@[::1]:5432/catalog').host).toBe('::1');
  });

  it('rejects other schemes and URLs without a database', () => {
    for (const url of ['mysql://u:p@localhost/db', 'http://localhost:5432/db', 'redis://localhost:6379/0']) {
      expect(() => connectionFields(url), url).toThrow('database URL must use the postgres:// or postgresql:// scheme');
    }
    expect(() => connectionFields('postgres://u@localhost:5432')).toThrow('database URL must name a database');
    expect(() => connectionFields('postgres://u@localhost:5432/')).toThrow('database URL must name a database');
    expect(() => connectionFields('not a url')).toThrow();
  });
});

describe('withDatabase and databaseName', () => {
  it('swaps the database and keeps credentials, host, port and parameters', () => {
    const url = withDatabase('postgresql://u:p%40ss@db.example.com:6543/app?sslmode=require', 'shadow');
    expect(url).toBe('postgresql://u:p%40ss@db.example.com:6543/shadow?sslmode=require');
    expect(connectionFields(url)).toMatchObject({ user: 'u', password: 'p@ss', database: 'shadow', port: 6543 });
  });

  it('round-trips names that need encoding', () => {
    const url = withDatabase('postgres://u@localhost/app', 'odd "name"/with?chars#');
    expect(databaseName(url)).toBe('odd "name"/with?chars#');
  });
});

describe('quoteIdent', () => {
  it('quotes an identifier and doubles embedded quotes', () => {
    expect(quoteIdent('orders')).toBe('"orders"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('x"; DROP DATABASE postgres; --')).toBe('"x""; DROP DATABASE postgres; --"');
  });
});
