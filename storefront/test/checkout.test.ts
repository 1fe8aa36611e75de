import { afterEach, describe, expect, it } from 'vitest';
import { orderToken, rememberOrderToken } from '../src/order-tokens';
import { offeredProviders, parseProviders } from '../src/payment-providers';

afterEach(() => {
  document.head.querySelector('meta[name="storegraph-payment-providers"]')?.remove();
  sessionStorage.clear();
  localStorage.clear();
});

describe('payment providers', () => {
  it('offers the TEST provider only when named (Stripe comes from its publishable key, PayPal has no client flow yet)', () => {
    expect(parseProviders('TEST')).toEqual(['TEST']);
    expect(parseProviders(' stripe , test')).toEqual(['TEST']);
    expect(parseProviders('STRIPE,PAYPAL')).toEqual([]);
    expect(parseProviders('')).toEqual([]);
    expect(parseProviders(null)).toEqual([]);
  });

  it('follows the page’s meta tag, set by the server, over the build mode', () => {
    const meta = document.createElement('meta');
    meta.name = 'storegraph-payment-providers';
    meta.content = '';
    document.head.append(meta);
    expect(offeredProviders()).toEqual([]);
    meta.content = 'TEST';
    expect(offeredProviders()).toEqual(['TEST']);
  });
});

describe('guest order tokens', () => {
  it('are kept in sessionStorage only, per order', () => {
    rememberOrderToken('o1', 'token-1');
    rememberOrderToken('o2', 'token-2');
    expect(orderToken('o1')).toBe('token-1');
    expect(orderToken('o2')).toBe('token-2');
    expect(orderToken('o3')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('survive unreadable storage', () => {
    sessionStorage.setItem('storegraph.orderTokens', '{not json');
    expect(orderToken('o1')).toBeNull();
    rememberOrderToken('o1', 't');
    expect(orderToken('o1')).toBe('t');
  });
});
